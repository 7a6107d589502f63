import { MessagePattern } from '@nestjs/microservices';
import { PARAM_ARGS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { RpcDef, RpcHandlerFn, RpcKind, RpcRequestContract } from '@hn/messages';
import { validateRpcBody } from './rpc-body';

/**
 * Binds a service method to one contract of the Rpc map (`@RpcHandler(Rpc.presaleIssue)`): the
 * NestJS message pattern is the contract's subject, and the compiler checks the method against the
 * contract (payload RpcPayload<typeof def>, result RpcResult<typeof def>). The body (RpcRequest.body,
 * or the whole payload of a public contract) is validated and transformed with the entry's request
 * class before the method runs (validateRpcBody: the gateway's options, problem and field list); the
 * method receives the validated instance.
 */
export function RpcHandler<D extends RpcDef<never, unknown, RpcKind>>(def: D) {
  const pattern = MessagePattern(def.subject);
  return <M extends RpcHandlerFn<D>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    if (typeof descriptor.value === 'function')
      descriptor.value = validating(
        def.request,
        def.kind,
        descriptor.value as unknown as AnyFn,
        payloadIndex(target, key),
      ) as unknown as M;
    pattern(target, key, descriptor);
  };
}

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

function validating(contract: RpcRequestContract, kind: RpcKind, method: AnyFn, index: number): AnyFn {
  const wrapped = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    const payload = args[index];
    if (kind === 'public') {
      args[index] = await validateRpcBody(contract, payload);
    } else {
      const request = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
      args[index] = { ...request, body: await validateRpcBody(contract, request['body']) };
    }
    return method.apply(this, args);
  };
  // metadata set on the method by decorators applied before this one stays on the bound function
  for (const k of Reflect.getMetadataKeys(method) as unknown[])
    Reflect.defineMetadata(k, Reflect.getMetadata(k, method) as unknown, wrapped);
  Object.defineProperty(wrapped, 'name', { value: method.name });
  return wrapped;
}

/** The position of the method's @Payload() parameter (parameter decorators run before method decorators); 0 without one. */
function payloadIndex(target: object, key: string | symbol): number {
  const args = (Reflect.getMetadata(PARAM_ARGS_METADATA, target.constructor, key) ?? {}) as Record<
    string,
    { index: number }
  >;
  const entry = Object.entries(args).find(([k]) => k.split(':')[0] === String(RpcParamtype.PAYLOAD));
  return entry ? entry[1].index : 0;
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
