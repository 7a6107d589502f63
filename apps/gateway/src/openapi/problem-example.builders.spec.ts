import { incompleteExample, problemExample, validationExample } from './problem-example.builders';
import { DomainException } from '@hn/errors';

describe('problem example builders', () => {
  it('writes the 422 INCOMPLETE_SUBMISSION detail with the count of fields', () => {
    const errors = [
      { field: 'contractsSigned', reason: '网签套数不能为负数 (must not be negative)' },
      { field: 'amountFen', reason: '网签金额须为整数 (must be an integer)' },
    ];
    expect(incompleteExample(errors)).toEqual({
      code: 'INCOMPLETE_SUBMISSION',
      detail: '提交内容不完整或有误，共 2 处，请逐项补正 (incomplete or invalid submission: 2 field(s))',
      errors,
    });
  });

  it('writes the 400 VALIDATION_FAILED of the validation pipe', () => {
    const errors = [{ field: 'pageSize', reason: 'pageSize 最大 100 (at most 100)' }];
    expect(validationExample(errors)).toEqual({
      code: 'VALIDATION_FAILED',
      detail: '请求参数校验失败 (request validation failed)',
      errors,
    });
  });

  it('leaves out errors when the problem has none', () => {
    expect(problemExample(new DomainException(409, 'RECORD_LOCKED', 'x'))).toEqual({
      code: 'RECORD_LOCKED',
      detail: 'x',
    });
  });
});
