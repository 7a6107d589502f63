import { MessagePattern } from '@nestjs/microservices';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { RpcDef } from '@hn/contracts';

/**
 * Binds a service method to one contract of the Rpc map (`@RpcHandler(Rpc.presaleIssue)`): the
 * NestJS message pattern is the contract's subject. Type the payload with RpcPayload<typeof def>.
 */
export function RpcHandler(def: RpcDef<never, unknown>): MethodDecorator {
  return MessagePattern(def.subject);
}

/** The subjects a controller class handles (NestJS pattern metadata on its methods). */
export function rpcSubjectsOfController(controller: abstract new (...args: never[]) => unknown): string[] {
  const proto = controller.prototype as Record<string, unknown>;
  const subjects: string[] = [];
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
    if (typeof method !== 'function') continue;
    const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined;
    for (const p of patterns ?? []) if (typeof p === 'string') subjects.push(p);
  }
  return subjects;
}
