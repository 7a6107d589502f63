import { Injectable, PipeTransform, Type } from '@nestjs/common';
import { RpcBody, RpcDef, RpcKind, validateMessageField } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { requestContractOf } from '@hn/messaging';

/**
 * A route pipe for a value the gateway puts into an Rpc entry's body from elsewhere than the HTTP body
 * (a path parameter: alertId, appealId, subscriberId, …): it is validated and transformed with the rule
 * of that property in the entry's request class (validateMessageField) and refused with the entry's
 * problem, so the path answers as the owning service's `@RpcHandler` answers the same value in the body.
 * Synchronous on purpose: Nest resolves a route's parameters together, and the path's answer must win
 * over the body pipe's, as in the service (checkedFirst).
 */
export function rpcParamPipe<D extends RpcDef<never, unknown, RpcKind>>(
  def: D,
  field: keyof RpcBody<D> & string,
): Type<PipeTransform<unknown, string>> {
  const contract = requestContractOf(def);
  @Injectable()
  class RpcParamPipe implements PipeTransform<unknown, string> {
    transform(value: unknown): string {
      const result = validateMessageField(contract.type as new () => Record<string, unknown>, field, value);
      if (!result.ok) throw DomainException.invalidPayload(contract.invalid, result.errors, { [field]: value });
      return result.value as string;
    }
  }
  Object.defineProperty(RpcParamPipe, 'name', { value: `${contract.type.name}${field}Pipe` });
  return RpcParamPipe;
}
