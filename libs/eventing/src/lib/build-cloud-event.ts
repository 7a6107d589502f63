import { randomUUID } from 'node:crypto';
import { CloudEvent } from '@hn/messages';

export interface BuildCloudEventArgs<T> {
  /** e.g. "/hn/permits" */
  source: string;
  /** The versioned NATS subject, e.g. "hn.permits.permit.registered.v1". */
  type: string;
  /** The business key, e.g. a permit number. */
  subject: string;
  data: T;
  /** Defaults to a fresh UUID. */
  id?: string;
  /** Defaults to now. */
  time?: Date;
}

/** A CloudEvents 1.0 structured envelope with a fresh UUID and an ISO-8601 UTC time. */
export function buildCloudEvent<T>(args: BuildCloudEventArgs<T>): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: args.id ?? randomUUID(),
    source: args.source,
    type: args.type,
    subject: args.subject,
    time: (args.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    data: args.data,
  };
}
