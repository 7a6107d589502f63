import {
  GLOBAL_PIPE_VALIDATION_OPTIONS,
  MESSAGE_VALIDATION_OPTIONS,
  RpcDef,
  RpcKind,
  RpcRequestContract,
  validateMessage,
} from '@hn/messages';
import { DomainException, sortOrder } from '@hn/errors';

/**
 * Validates (and transforms) a contract's request body with the message class of its Rpc map entry:
 * a list's sort first (422 INVALID_FILTER naming the allowed fields), then the class with the
 * gateway's ValidationPipe options (validateMessage), a refusal answered with the entry's problem and
 * field list. The gateway's pipe and the service's `@RpcHandler` both call this, so a body sent straight
 * over NATS is refused exactly as through the gateway.
 */
export async function validateRpcBody<T = unknown>(contract: RpcRequestContract, body: unknown): Promise<T> {
  if (contract.sort) await sortOrder(contract.sort, (body as { sort?: unknown } | null | undefined)?.sort);
  const options = contract.allReasons ? GLOBAL_PIPE_VALIDATION_OPTIONS : MESSAGE_VALIDATION_OPTIONS;
  const result = await validateMessage(contract.type, body, options);
  if (!result.ok) throw DomainException.invalidPayload(contract.invalid, result.errors, body);
  return result.value as T;
}

/** The contract's request class, its problem and sort (every entry of the Rpc map carries one). */
export function requestContractOf(def: RpcDef<never, unknown, RpcKind>): RpcRequestContract {
  return def.request;
}
