/**
 * CloudEvents 1.0 envelope (structured JSON) carried by every domain event on JetStream,
 * so the provincial data-sharing platform can consume events as they are.
 */
export interface CloudEvent<T> {
  specversion: '1.0';
  /** Unique event id (UUID); also the JetStream Nats-Msg-Id used for de-duplication. */
  id: string;
  /** e.g. "/hn/permits" */
  source: string;
  /** The versioned subject, e.g. "hn.permits.permit.registered.v1". */
  type: string;
  /** The business key the event is about, e.g. a permit number. */
  subject: string;
  /** RFC 3339 UTC timestamp. */
  time: string;
  datacontenttype: 'application/json';
  data: T;
}

/** NATS header names used across services. */
export const Headers = {
  correlationId: 'x-correlation-id',
  msgId: 'Nats-Msg-Id',
} as const;
