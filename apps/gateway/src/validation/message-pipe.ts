import { Injectable, PipeTransform, Type } from '@nestjs/common';
import { FieldError, ListSort, validateMessage } from '@hn/messages';
import { DomainException, sortOrder } from '@hn/errors';

/**
 * A route pipe validating with a message class of @hn/messages exactly as the owning service
 * validates its RPC payload (validateMessage), so both answer with the same code and field list.
 * The handler's parameter is typed with the message's interface so the global pipe leaves it alone.
 */
export function messagePipe<T extends object>(
  type: new () => T,
  onInvalid: (errors: FieldError[]) => DomainException = (errors) => DomainException.incomplete(errors),
  sort?: ListSort,
): Type<PipeTransform<unknown, Promise<T>>> {
  @Injectable()
  class MessagePipe implements PipeTransform<unknown, Promise<T>> {
    async transform(value: unknown): Promise<T> {
      // a list's sort first (422 INVALID_FILTER naming the allowed fields), as the owning service checks it
      if (sort) await sortOrder(sort, (value as { sort?: unknown } | null | undefined)?.sort);
      const result = await validateMessage(type, value);
      if (!result.ok) throw onInvalid(result.errors);
      return result.value;
    }
  }
  Object.defineProperty(MessagePipe, 'name', { value: `${type.name}Pipe` });
  return MessagePipe;
}
