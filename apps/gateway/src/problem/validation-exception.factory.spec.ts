import { ValidationError } from '@nestjs/common';
import { validationExceptionFactory } from './validation-exception.factory';
import { flattenValidationErrors } from '@hn/messages';

describe('validationExceptionFactory', () => {
  it('flattens nested errors into field paths with reasons', () => {
    const child: ValidationError = {
      property: 'floors',
      constraints: { isInt: 'floors must be an integer number' },
      children: [],
    };
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

describe('flattenValidationErrors', () => {
  it('lets a constraint name one error per failing element through its expanding context', () => {
    const errors: ValidationError[] = [
      {
        property: 'constructionPermitNumbers',
        value: ['430223202406200101', 'bad', 'worse'],
        constraints: { permitNumberItems: '[1] bad; [2] worse' },
        contexts: {
          permitNumberItems: {
            expand: (value: unknown, path: string) =>
              (value as string[]).slice(1).map((v, i) => ({ field: `${path}[${i + 1}]`, reason: v })),
          },
        },
        children: [],
      },
      { property: 'issueDate', constraints: { isPastIsoDate: 'future' }, children: [] },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'constructionPermitNumbers[1]', reason: 'bad' },
      { field: 'constructionPermitNumbers[2]', reason: 'worse' },
      { field: 'issueDate', reason: 'future' },
    ]);
  });
});
