import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode, FieldError } from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { flattenValidationErrors } from '../problem/validation-exception.factory';
import { PresaleSubmissionDto } from './dto/presale-submission.dto';

/** 422 INCOMPLETE_SUBMISSION listing every missing or invalid field at once. */
export function incompleteSubmission(errors: FieldError[]): DomainException {
  return new DomainException(
    422,
    ErrorCode.INCOMPLETE_SUBMISSION,
    `提交内容不完整或有误，共 ${errors.length} 处，请逐项补正 (incomplete or invalid submission: ${errors.length} field(s))`,
    errors,
  );
}

const NOT_AN_OBJECT: FieldError = { field: 'body', reason: '请求体须为 JSON 对象 (body must be a JSON object)' };

export function presaleSubmissionExceptionFactory(errors: ValidationError[]): DomainException {
  const fields = flattenValidationErrors(errors);
  return incompleteSubmission(fields.length > 0 ? fields : [NOT_AN_OBJECT]);
}

/**
 * Route-level validation of the 取号 body. Unlike the global pipe (400 VALIDATION_FAILED), a failing
 * submission is 422 INCOMPLETE_SUBMISSION with one reason per field; unknown fields are still
 * rejected. The handler's parameter is typed with the interface, so the global pipe leaves the body
 * to this one. An absent body reports every required field; an array or a scalar is refused whole.
 */
@Injectable()
export class PresaleSubmissionPipe extends ValidationPipe {
  constructor() {
    super({
      expectedType: PresaleSubmissionDto,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      transform: true,
      exceptionFactory: presaleSubmissionExceptionFactory,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<PresaleSubmissionDto> {
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value))) {
      throw incompleteSubmission([NOT_AN_OBJECT]);
    }
    return (await super.transform(value, metadata)) as PresaleSubmissionDto;
  }
}
