import { ValidationError } from '@nestjs/common';
import { validationExceptionFactory } from './validation-exception.factory';

describe('validationExceptionFactory', () => {
  it('flattens nested errors into field paths with reasons', () => {
    const child: ValidationError = { property: 'floors', constraints: { isInt: 'floors must be an integer number' }, children: [] };
    const unit: ValidationError = { property: '0', children: [child] };
    const errors: ValidationError[] = [
      { property: 'units', children: [unit] },
      { property: 'hacker', constraints: { whitelistValidation: 'property hacker should not exist' }, children: [] },
    ];
    const problem = validationExceptionFactory(errors).problem;
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(problem.errors).toEqual([
      { field: 'units[0].floors', reason: 'floors must be an integer number' },
      { field: 'hacker', reason: '不允许的字段 (unknown field hacker)' },
    ]);
  });
});
