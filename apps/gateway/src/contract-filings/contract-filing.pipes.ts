import {
  ArgumentMetadata,
  Inject,
  Injectable,
  PipeTransform,
  Type,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { ValidatorOptions } from 'class-validator';
import {
  BODY_NOT_AN_OBJECT,
  ContractFilingCancellation,
  FieldError,
  filingDateReason,
  flattenValidationErrors,
  validateMessage,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { CONTRACT_FILING_RULES, ContractFilingRules } from './contract-filing-rules';
import { ContractFilingSubmissionDto } from './dto/contract-filing-submission.dto';

/** One reason per field (the first, i.e. the most basic), in the order found. */
export function firstReasonPerField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}

/** A field reported as a whole (a list that is not a list, an object that is not an object) hides its parts. */
export function withoutPartsOfReported(errors: FieldError[]): FieldError[] {
  const whole = new Set(errors.map((e) => e.field));
  const partOfReported = (field: string): boolean =>
    [...field.matchAll(/[.[]/g)].some((m) => whole.has(field.slice(0, m.index)));
  return errors.filter((e) => !partOfReported(e.field));
}

export function incompleteFromValidation(errors: ValidationError[]): DomainException {
  const fields = withoutPartsOfReported(firstReasonPerField(flattenValidationErrors(errors)));
  return DomainException.incomplete(fields.length > 0 ? fields : [BODY_NOT_AN_OBJECT]);
}

/**
 * Route-level validation of a contract-filing body: unlike the global pipe (400 VALIDATION_FAILED)
 * a failing body is 422 INCOMPLETE_SUBMISSION listing every missing or invalid field at once, with
 * unknown fields refused by name. Every property carries one rule naming one reason, so nothing is
 * cut short: nested objects are checked even when their list has a problem of its own. An array or a
 * scalar is refused whole; an absent body reports every required field. Error values are kept out of
 * the answer (reasons never echo ID or phone numbers).
 */
abstract class IncompleteSubmissionPipe<T extends object> extends ValidationPipe {
  protected constructor(type: Type<T>) {
    super({
      expectedType: type,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      // values stay on the errors so list rules can name the failing element (they never reach the answer)
      validationError: { target: false, value: true },
      exceptionFactory: incompleteFromValidation,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<T> {
    if (
      value !== undefined &&
      value !== null &&
      (typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value))
    ) {
      throw DomainException.incomplete([BODY_NOT_AN_OBJECT]);
    }
    return (await super.transform(value, metadata)) as T;
  }
}

/** Body of POST /api/v1/contract-filings, with the filing date checked against the configured cut-over. */
@Injectable()
export class ContractFilingSubmissionPipe extends IncompleteSubmissionPipe<ContractFilingSubmissionDto> {
  constructor(@Inject(CONTRACT_FILING_RULES) private readonly rules: ContractFilingRules) {
    super(ContractFilingSubmissionDto);
  }

  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    const filingDate = (object as { filingDate?: unknown }).filingDate;
    // the DTO's own rule has checked the date is real and not in the future; the cut-over is configuration
    if (!errors.some((e) => e.property === 'filingDate')) {
      const reason = filingDateReason(filingDate, { today: '9999-12-31', cutoverDate: this.rules.cutoverDate });
      if (reason)
        errors.push({
          property: 'filingDate',
          value: filingDate,
          constraints: { filingCutover: reason },
          children: [],
        });
    }
    return errors;
  }
}

/**
 * Body of POST /api/v1/contract-filings/{contractNumber}/cancel with the message class of
 * @hn/messages, the same call the contracts service makes on its RPC payload (validateMessage).
 */
@Injectable()
export class CancelContractFilingPipe implements PipeTransform<unknown, Promise<ContractFilingCancellation>> {
  async transform(value: unknown): Promise<ContractFilingCancellation> {
    const result = await validateMessage(ContractFilingCancellation, value);
    if (!result.ok) throw DomainException.incomplete(result.errors);
    return result.value;
  }
}
