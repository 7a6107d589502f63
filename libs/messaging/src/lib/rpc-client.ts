import { randomUUID } from 'node:crypto';
import { ErrorCode, Headers as HnHeaders, Principal, RpcDef, RpcProblem, RpcRequest } from '@hn/messages';
import { DomainException, isRpcProblem } from '@hn/errors';
import { headers as natsHeaders, JSONCodec, NatsConnection, NatsError } from 'nats';
import { NatsConnectionState } from './nats-reconnect';

export interface RpcClientOptions {
  /** Fail with 503 after this long; a stopped service answers "no responders" at once anyway. */
  timeoutMs: number;
}

/** Per-call settings of one request. */
export interface RpcCallOptions {
  /** overrides the client's timeoutMs for this call (e.g. a long-running job) */
  timeoutMs?: number;
}

interface NestReply<T> {
  err?: unknown;
  response?: T;
  isDisposed?: boolean;
}

/**
 * Request/reply to a NestJS NATS microservice, speaking its packet format ({pattern,data,id} →
 * {err|response}). Uses nats.js request() directly so "no responders" surfaces immediately as
 * 503 instead of waiting for a timeout, and carries the correlation id in a NATS header. While the
 * connection is away (NATS down, reconnecting forever) every call is a 503 at once, not a timeout.
 */
export class RpcClient {
  private readonly codec = JSONCodec<unknown>();
  private readonly state: NatsConnectionState;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: RpcClientOptions,
  ) {
    this.state = new NatsConnectionState(nc);
  }

  /** The connection's state (for /health). */
  get connection(): NatsConnectionState {
    return this.state;
  }

  /** One contract of the Rpc map that carries the caller: sends RpcRequest<Req> {principal, body}. */
  call<Req, Res>(
    def: RpcDef<Req, Res, 'principal'>,
    principal: Principal,
    body: NoInfer<Req>,
    correlationId?: string,
    callOptions: RpcCallOptions = {},
  ): Promise<Res> {
    const request: RpcRequest<Req> = { principal, body };
    return this.request<Res>(def.subject, request, correlationId, callOptions);
  }

  /** One public contract of the Rpc map (no caller): the payload is the body itself. */
  callPublic<Req, Res>(
    def: RpcDef<Req, Res, 'public'>,
    body: NoInfer<Req>,
    correlationId?: string,
    callOptions: RpcCallOptions = {},
  ): Promise<Res> {
    return this.request<Res>(def.subject, body, correlationId, callOptions);
  }

  /**
   * Raw request on a subject (tests that send deliberately malformed payloads use it); production
   * code calls `call` / `callPublic` with an entry of the Rpc map.
   */
  async request<TRes, TReq = unknown>(
    subject: string,
    data: TReq,
    correlationId?: string,
    callOptions: RpcCallOptions = {},
  ): Promise<TRes> {
    const h = natsHeaders();
    if (correlationId) h.set(HnHeaders.correlationId, correlationId);
    const down = this.state.problem;
    if (down) throw this.unavailable(subject, new Error(down));
    const packet = { pattern: subject, data, id: randomUUID() };
    let replyBytes: Uint8Array;
    try {
      const msg = await this.nc.request(subject, this.codec.encode(packet), {
        timeout: callOptions.timeoutMs ?? this.options.timeoutMs,
        headers: h,
      });
      replyBytes = msg.data;
    } catch (err) {
      throw this.unavailable(subject, err);
    }
    const reply = this.codec.decode(replyBytes) as NestReply<TRes>;
    if (reply.err !== undefined && reply.err !== null) {
      throw DomainException.fromProblem(this.toProblem(reply.err));
    }
    return reply.response as TRes;
  }

  private toProblem(err: unknown): RpcProblem {
    if (isRpcProblem(err)) return err;
    return {
      status: 500,
      code: ErrorCode.INTERNAL,
      title: 'Internal',
      detail: '下游服务返回了无法识别的错误 (unrecognised error from service)',
    };
  }

  private unavailable(subject: string, err: unknown): DomainException {
    const service = subject.split('.')[1] ?? subject;
    const reason =
      err instanceof NatsError && err.code === '503'
        ? 'no responders'
        : err instanceof NatsError && err.code === 'TIMEOUT'
          ? 'timeout'
          : 'NATS connection down';
    return new DomainException(
      503,
      ErrorCode.SERVICE_UNAVAILABLE,
      `服务 ${service} 暂不可用，请稍后重试 (service ${service} unavailable: ${reason})`,
    );
  }
}
