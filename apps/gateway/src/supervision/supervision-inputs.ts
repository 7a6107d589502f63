import { Injectable, PipeTransform, ValidationError, ValidationPipe, ArgumentMetadata, Type } from '@nestjs/common';
import {
  DIFFERENCE_ID_REASON,
  DifferenceAcknowledgement,
  FieldError,
  InvalidPayloads,
  isDifferenceId,
  isMonth,
  MONTH_REASON,
  presaleNumberParamReason,
  SigningStatisticFigures,
  SigningStatisticSubmission,
  SigningStatisticWithdrawal,
  flattenValidationErrors,
  submissionFieldErrors,
  validateMessage,
} from '@hn/messages';
import { DomainException } from '@hn/errors';

function incompleteFromValidation(errors: ValidationError[]): DomainException {
  const fields = submissionFieldErrors(flattenValidationErrors(errors));
  return DomainException.incomplete(fields.length > 0 ? fields : [NOT_AN_OBJECT]);
}
/** Path month `YYYY-MM` (400 VALIDATION_FAILED naming month). */
@Injectable()
export class MonthPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isMonth(value)) throw DomainException.validation([{ field: 'month', reason: MONTH_REASON }]);
    return value;
  }
}

/** Path difference id, a UUID (400 VALIDATION_FAILED naming differenceId). */
@Injectable()
export class DifferenceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isDifferenceId(value))
      throw DomainException.validation([{ field: 'differenceId', reason: DIFFERENCE_ID_REASON }]);
    return value.toLowerCase();
  }
}

/** 400 INVALID_PRESALE_NUMBER for an optional query presale number. */
export function assertPresaleQuery(value: string | undefined): void {
  if (value === undefined) return;
  const reason = presaleNumberParamReason(value);
  if (reason)
    throw DomainException.invalidPayload(InvalidPayloads.presaleNumber, [{ field: 'presaleNumber', reason }], {
      presaleNumber: value,
    });
}

const NOT_AN_OBJECT: FieldError = { field: 'body', reason: '请求体须为 JSON 对象 (body must be a JSON object)' };

/**
 * Route-level validation of a supervision body: 422 INCOMPLETE_SUBMISSION listing every missing or
 * invalid field at once (unknown fields refused by name); arrays and scalars are refused whole.
 */
export abstract class SupervisionBodyPipe<T extends object> extends ValidationPipe {
  protected constructor(type: Type<T>) {
    super({
      expectedType: type,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: true },
      exceptionFactory: (errors: ValidationError[]) => incompleteFromValidation(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<T> {
    if (
      value !== undefined &&
      value !== null &&
      (typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value))
    ) {
      throw DomainException.incomplete([NOT_AN_OBJECT]);
    }
    return (await super.transform(value ?? {}, metadata)) as T;
  }
}

/**
 * A body validated with its message class of @hn/messages, the same call the contracts service makes
 * on its RPC payload (validateMessage): 422 INCOMPLETE_SUBMISSION with one reason per field.
 */
abstract class MessageBodyPipe<T extends object> implements PipeTransform<unknown, Promise<T>> {
  protected constructor(private readonly type: new () => T) {}

  // PipeTransform's signature; the metadata is not needed (the message class is the pipe's own)
  async transform(value: unknown, _metadata?: ArgumentMetadata): Promise<T> {
    const result = await validateMessage(this.type, value);
    if (!result.ok) throw DomainException.incomplete(result.errors);
    return result.value;
  }
}

@Injectable()
export class PutStatisticPipe extends MessageBodyPipe<SigningStatisticFigures> {
  constructor() {
    super(SigningStatisticFigures);
  }
}

@Injectable()
export class WithdrawStatisticPipe extends MessageBodyPipe<SigningStatisticWithdrawal> {
  constructor() {
    super(SigningStatisticWithdrawal);
  }
}

@Injectable()
export class SubmitStatisticsPipe extends MessageBodyPipe<SigningStatisticSubmission> {
  constructor() {
    super(SigningStatisticSubmission);
  }
}

@Injectable()
export class AcknowledgeDifferencePipe extends MessageBodyPipe<DifferenceAcknowledgement> {
  constructor() {
    super(DifferenceAcknowledgement);
  }
}
