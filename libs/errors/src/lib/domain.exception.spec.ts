import { ErrorCode } from '@hn/messages';
import { DomainException } from './domain.exception';

describe(DomainException.name, () => {
  describe('incomplete', () => {
    it('is a 422 INCOMPLETE_SUBMISSION counting and listing every field', () => {
      const errors = [
        { field: 'developer.creditCode', reason: '必填 (required)' },
        { field: 'location.lat', reason: '纬度须在湖南范围内 24.6–30.2 (latitude outside Hunan)' },
      ];
      const e = DomainException.incomplete(errors);
      expect(e).toBeInstanceOf(DomainException);
      expect(e.problem).toEqual({
        status: 422,
        code: ErrorCode.INCOMPLETE_SUBMISSION,
        title: '无法处理 Unprocessable Content',
        detail: '提交内容不完整或有误，共 2 处，请逐项补正 (incomplete or invalid submission: 2 field(s))',
        errors,
      });
      expect(e.message).toBe(e.problem.detail);
    });

    it('survives the trip over NATS unchanged', () => {
      const e = DomainException.incomplete([{ field: 'reason', reason: '必填 (required)' }]);
      expect(DomainException.fromProblem(e.problem).problem).toEqual(e.problem);
    });
  });

  describe('validation', () => {
    it('is a 400 VALIDATION_FAILED with the default detail unless one is given', () => {
      const errors = [{ field: 'pageSize', reason: 'pageSize 最大 100 (at most 100)' }];
      expect(DomainException.validation(errors).problem).toMatchObject({
        status: 400,
        code: ErrorCode.VALIDATION_FAILED,
        detail: '请求参数校验失败 (request validation failed)',
        errors,
      });
      expect(DomainException.validation(errors, '参数无效 (invalid)').problem.detail).toBe('参数无效 (invalid)');
    });
  });
});
