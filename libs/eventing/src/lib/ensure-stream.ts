import { JetStreamManager, nanos, NatsError, RetentionPolicy, StorageType, StreamInfo } from 'nats';

/** JetStream API error: "stream name already in use with a different configuration". */
const STREAM_NAME_IN_USE = 10058;

export interface EnsureStreamOptions {
  name: string;
  subjects: string[];
  /** Window in which a repeated Nats-Msg-Id is dropped; default 2 minutes. */
  duplicateWindowMs?: number;
  /** Copies in a JetStream cluster; default 1 (a single server). */
  replicas?: number;
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

/**
 * Creates the stream (file storage, limits retention) or, if it exists with another
 * configuration, updates its subjects and duplicate window. Safe when replicas race.
 */
export async function ensureStream(jsm: JetStreamManager, options: EnsureStreamOptions): Promise<StreamInfo> {
  const duplicateWindow = nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS);
  const replicas = options.replicas ?? 1;
  try {
    return await jsm.streams.add({
      name: options.name,
      subjects: options.subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: duplicateWindow,
      num_replicas: replicas,
    });
  } catch (err) {
    if (!(err instanceof NatsError && err.api_error?.err_code === STREAM_NAME_IN_USE)) throw err;
  }
  return jsm.streams.update(options.name, {
    subjects: options.subjects,
    duplicate_window: duplicateWindow,
    num_replicas: replicas,
  });
}
