import type { OutgoingResponse, Serializer } from '@nestjs/microservices';
import { ErrorCode, RpcProblem } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** What the NestJS NATS serializer gives the transport to publish (headers: nats.js MsgHdrs, if any). */
export interface SerializedReply {
  data: Uint8Array;
  headers?: { encode(): Uint8Array };
}

/**
 * 413 PAYLOAD_TOO_LARGE for a reply the NATS server would refuse (over its max_payload): what the caller
 * gets instead of a timeout, in Chinese with the English beside it.
 */
export function replyTooLargeProblem(bytes: number, maxPayload: number): RpcProblem {
  return new DomainException(
    413,
    ErrorCode.PAYLOAD_TOO_LARGE,
    `应答过大（${bytes} 字节，超过 NATS 单条消息上限 ${maxPayload} 字节），未能返回；请缩小查询范围（如按市州或县市区分别查询）后重试 ` +
      `(reply of ${bytes} bytes exceeds the NATS max payload of ${maxPayload} bytes: narrow the request, e.g. per city or county)`,
  ).problem;
}

/** Bytes NATS counts against max_payload: the payload and its headers. */
export function serializedSize(out: SerializedReply): number {
  return out.data.length + (out.headers ? out.headers.encode().length : 0);
}

/**
 * Wraps the transport's reply serializer: a serialized reply over the connection's current max_payload
 * (read at each reply: `info.max_payload` of the server the connection is on, undefined before it is
 * connected) is replaced by the 413 problem reply with the same packet id, so the caller gets an answer
 * and the process does not die on nats.js' MAX_PAYLOAD_EXCEEDED thrown outside any handler.
 */
export class ReplySizeGuard implements Serializer<OutgoingResponse, SerializedReply> {
  constructor(
    private readonly inner: Serializer<OutgoingResponse, SerializedReply>,
    private readonly maxPayload: () => number | undefined,
    private readonly onOversize: (bytes: number, maxPayload: number) => void = () => undefined,
  ) {}

  serialize(packet: OutgoingResponse): SerializedReply {
    const out = this.inner.serialize(packet);
    const max = this.maxPayload();
    if (!max) return out;
    const bytes = serializedSize(out);
    if (bytes <= max) return out;
    this.onOversize(bytes, max);
    return this.inner.serialize({ id: packet.id, err: replyTooLargeProblem(bytes, max), isDisposed: true });
  }
}
