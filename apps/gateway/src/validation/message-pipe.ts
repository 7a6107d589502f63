import { Injectable, PipeTransform, Type } from '@nestjs/common';
import { FieldError, ListSort, RpcDef, RpcKind, validatedPartOf, validateMessage } from '@hn/messages';
import { DomainException, sortOrder } from '@hn/errors';
import { requestContractOf, validateRpcBody } from '@hn/messaging';

/**
 * A route pipe validating with a message class of @hn/messages exactly as the owning service
 * validates its RPC payload (validateMessage), so both answer with the same code and field list.
 * The handler's parameter is typed with the message's interface so the global pipe leaves it alone.
 * For a body sent as it is over an Rpc entry with a request class, use {@link rpcBodyPipe}.
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

/**
 * A route pipe applying an Rpc map entry's request class (its sort, its class, its problem) to the body
 * or query, the very check `@RpcHandler(def)` runs in the owning service on the RPC payload
 * (validateRpcBody), so both paths answer the same code and field list.
 */
export function rpcBodyPipe<T extends object = object>(
  def: RpcDef<never, unknown, RpcKind>,
): Type<PipeTransform<unknown, Promise<T>>> {
  const contract = requestContractOf(def);
  @Injectable()
  class RpcBodyPipe implements PipeTransform<unknown, Promise<T>> {
    transform(value: unknown): Promise<T> {
      return validateRpcBody<T>(contract, value);
    }
  }
  Object.defineProperty(RpcBodyPipe, 'name', { value: `${contract.type.name}Pipe` });
  return RpcBodyPipe;
}

/**
 * A route pipe for the HTTP body an Rpc map entry's request class wraps in one property (a submission
 * beside the Idempotency-Key from the header, a follow-up beside the path's alert id): the body is
 * validated with that property's `@ValidatedAs` check and refused with the entry's problem. The owning
 * service's `@RpcHandler(def)` validates the whole class, this part included, so both paths answer the
 * same field list.
 */
export function rpcPartPipe<T extends object = object>(
  def: RpcDef<never, unknown, RpcKind>,
  property: string,
): Type<PipeTransform<unknown, Promise<T>>> {
  const contract = requestContractOf(def);
  const check = validatedPartOf(contract.type, property);
  @Injectable()
  class RpcPartPipe implements PipeTransform<unknown, Promise<T>> {
    async transform(value: unknown): Promise<T> {
      const result = await check(value);
      if (!result.ok) throw DomainException.invalidPayload(contract.invalid, result.errors, value);
      return result.value as T;
    }
  }
  Object.defineProperty(RpcPartPipe, 'name', { value: `${contract.type.name}${property}Pipe` });
  return RpcPartPipe;
}
