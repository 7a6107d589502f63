import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import { messagePipe } from '../validation/message-pipe';
import { AccountApplicationInput, ReturnApplicationInput } from './dto/account-application-input.dto';
import { ApplicationErrors } from './account-application.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form, validated as one message (one reason per field) → 400 VALIDATION_FAILED listing every field. */
export const AccountApplicationPipe = messagePipe(AccountApplicationInput, (errors) =>
  ApplicationErrors.invalid(errors),
);
export const ReturnApplicationPipe = messagePipe(ReturnApplicationInput, (errors) => ApplicationErrors.invalid(errors));

@Injectable()
export class ApplicationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value))
      throw DomainException.validation([{ field: 'applicationId', reason: '申请编号须为 UUID (UUID)' }]);
    return value.toLowerCase();
  }
}
