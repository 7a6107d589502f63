import { connect, ConnectionOptions, JetStreamManager, NatsConnection, NatsError } from 'nats';

export const DEFAULT_TEST_NATS_URL = 'nats://127.0.0.1:4222';

/** Connects to the local NATS (NATS_URL or the default); extra options override the defaults. */
export function connectNats(options: Partial<ConnectionOptions> = {}): Promise<NatsConnection> {
  return connect({ servers: process.env['NATS_URL'] ?? DEFAULT_TEST_NATS_URL, name: 'hn-test', ...options });
}

/** Deletes a JetStream stream; a stream that does not exist is not an error. */
export async function deleteStreamIfExists(jsm: JetStreamManager, name: string): Promise<void> {
  try {
    await jsm.streams.delete(name);
  } catch (err) {
    if (err instanceof NatsError && (err.api_error?.err_code === 10059 || err.code === '404')) return;
    throw err;
  }
}
