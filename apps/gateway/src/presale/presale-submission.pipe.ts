import { Injectable, PipeTransform } from '@nestjs/common';
import { PresaleSubmission, validateMessage } from '@hn/messages';
import { DomainException } from '@hn/errors';

/**
 * Route-level validation of the 取号 body with the message class of @hn/messages, the same call the
 * presale service makes on its RPC payload (validateMessage). Unlike the global pipe (400
 * VALIDATION_FAILED), a failing submission is 422 INCOMPLETE_SUBMISSION with one reason per field;
 * unknown fields are still rejected. The handler's parameter is typed with the interface, so the
 * global pipe leaves the body to this one. An absent body reports every required field; an array or
 * a scalar is refused whole.
 */
@Injectable()
export class PresaleSubmissionPipe implements PipeTransform<unknown, Promise<PresaleSubmission>> {
  async transform(value: unknown): Promise<PresaleSubmission> {
    const result = await validateMessage(PresaleSubmission, value);
    if (!result.ok) throw DomainException.incomplete(result.errors);
    return result.value;
  }
}
