import { NatsConnection } from 'nats';

/** A durable JetStream consumer running in this process, for the consumer-lag gauge. */
export interface RunningConsumer {
  stream: string;
  durable: string;
  natsConnection: NatsConnection;
}

const running = new Set<RunningConsumer>();

/** The process's running consumers (one process is one service, so a module-level set suffices). */
export const runningConsumers = {
  add(consumer: RunningConsumer): void {
    running.add(consumer);
  },
  delete(consumer: RunningConsumer): void {
    running.delete(consumer);
  },
  list(): RunningConsumer[] {
    return [...running];
  },
};
