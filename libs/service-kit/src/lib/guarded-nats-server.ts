import { NatsOptions, ServerNats } from '@nestjs/microservices';
import type { NatsContext } from '@nestjs/microservices';
import type { NatsConnection } from 'nats';
import { ReplySizeGuard } from './reply-size-guard';

type NatsServerOptions = Required<NatsOptions>['options'];

/**
 * The NestJS NATS server of every service, with its replies guarded where they are serialised: a reply
 * over the connection's max_payload (`info.max_payload`, 1 MiB by default) is answered as 413
 * PAYLOAD_TOO_LARGE ({@link ReplySizeGuard}) for ANY handler, and a reply that still cannot be published
 * (the connection closing, …) is logged instead of throwing from the transport's own tick, which ended
 * the process; the caller then times out (503) and the service stays up.
 */
export class GuardedNatsServer extends ServerNats {
  private connection: NatsConnection | undefined;

  constructor(options: NatsServerOptions) {
    super(options);
    this.serializer = new ReplySizeGuard(
      this.serializer,
      () => this.connection?.info?.max_payload,
      (bytes, max) =>
        this.logger.warn(
          `RPC reply of ${bytes} bytes exceeds NATS max_payload ${max}: answered 413 PAYLOAD_TOO_LARGE instead`,
        ),
    );
  }

  override async createNatsClient(): Promise<NatsConnection> {
    this.connection = (await super.createNatsClient()) as NatsConnection;
    return this.connection;
  }

  override getPublisher(natsMsg: unknown, id: string, ctx: NatsContext): (response: unknown) => unknown {
    const publish = super.getPublisher(natsMsg, id, ctx);
    return (response: unknown): unknown => {
      try {
        return publish(response);
      } catch (err) {
        const subject = (natsMsg as { subject?: string } | null)?.subject ?? '?';
        this.logger.error(`RPC reply on ${subject} could not be published: ${String(err)}`);
        return undefined;
      }
    };
  }
}
