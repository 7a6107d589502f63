import { Injectable, PipeTransform, ValidationError, ValidationPipe, ArgumentMetadata, Type } from '@nestjs/common';
import {
  DifferenceAcknowledgement,
  FieldError,
  InvalidPayloads,
  isMonth,
  MONTH_REASON,
  presaleNumberParamReason,
  Rpc,
  SigningStatisticFigures,
  SigningStatisticSubmission,
  SigningStatisticWithdrawal,
  flattenValidationErrors,
  submissionFieldErrors,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { messagePipe } from '../validation/message-pipe';
import { rpcParamPipe } from '../validation/rpc-param-pipe';

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

/** Path difference id: the acknowledge entry's rule (400 VALIDATION_FAILED naming differenceId, lower-cased). */
export const DifferenceIdPipe = rpcParamPipe(Rpc.reconciliationAcknowledge, 'differenceId');

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

// the bodies, with the message classes the contracts service's @RpcHandler applies again (422 INCOMPLETE_SUBMISSION)
export const PutStatisticPipe = messagePipe(SigningStatisticFigures);
export const WithdrawStatisticPipe = messagePipe(SigningStatisticWithdrawal);
export const SubmitStatisticsPipe = messagePipe(SigningStatisticSubmission);
export const AcknowledgeDifferencePipe = messagePipe(DifferenceAcknowledgement);
