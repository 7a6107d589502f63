import { MessagePattern } from '@nestjs/microservices';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { RpcDef, RpcHandlerFn, RpcKind } from '@hn/messages';

/**
 * Binds a service method to one contract of the Rpc map (`@RpcHandler(Rpc.presaleIssue)`): the
 * NestJS message pattern is the contract's subject, and the compiler checks the method against the
 * contract (payload RpcPayload<typeof def>, result RpcResult<typeof def>).
 */
export function RpcHandler<D extends RpcDef<never, unknown, RpcKind>>(def: D) {
  const pattern = MessagePattern(def.subject);
  return <M extends RpcHandlerFn<D>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    pattern(target, key, descriptor);
  };
}

type Ctor = abstract new (...args: never[]) => unknown;

/** The subjects a controller class handles (NestJS pattern metadata on its methods). */
export function rpcSubjectsOfController(controller: Ctor): string[] {
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

interface DynamicModuleLike {
  module?: Ctor;
  controllers?: Ctor[];
  imports?: unknown[];
  forwardRef?: () => unknown;
}

const listOf = (key: 'controllers' | 'imports', target: unknown): unknown[] =>
  typeof target === 'function' ? ((Reflect.getMetadata(key, target) as unknown[] | undefined) ?? []) : [];

/**
 * Every subject handled by the controllers of a module tree (static @Module metadata and dynamic
 * modules alike), one entry per handler: a subject handled twice appears twice. For the specs that
 * prove each service handles exactly its entries of the Rpc map.
 */
export function rpcSubjectsOfModule(root: unknown): string[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Ctor>();
  const visit = (ref: unknown): void => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    const dynamic: DynamicModuleLike = typeof ref === 'object' ? (ref as DynamicModuleLike) : {};
    if (typeof dynamic.forwardRef === 'function') return visit(dynamic.forwardRef());
    const cls = typeof ref === 'function' ? ref : dynamic.module;
    for (const c of [...listOf('controllers', cls), ...(dynamic.controllers ?? [])]) controllers.add(c as Ctor);
    [...listOf('imports', cls), ...(dynamic.imports ?? [])].forEach(visit);
  };
  visit(root);
  return [...controllers].flatMap((c) => rpcSubjectsOfController(c));
}
