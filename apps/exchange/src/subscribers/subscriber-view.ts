import { KeyObject } from 'node:crypto';
import { SubscriberV1 } from '@hn/messages';
import { publicKeyText } from '../signing/webhook-signer';
import { SubscriberRow } from './subscriber.repository';

/** The registry's answer for one subscriber (no secret; the caller adds it once where due). */
export function subscriberView(
  row: SubscriberRow,
  keys: { current: KeyObject; previous: KeyObject | null },
): SubscriberV1 {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    delivery: {
      mode: row.delivery_mode,
      ...(row.url !== null ? { url: row.url } : {}),
      ...(row.directory !== null ? { directory: row.directory } : {}),
    },
    eventTypes: row.event_types,
    dataView: row.data_view,
    signing: row.signing,
    state: row.state,
    pullClientId: row.pull_client_id,
    verificationKeys:
      row.signing === 'v1a' ? [keys.current, ...(keys.previous ? [keys.previous] : [])].map(publicKeyText) : [],
    disabledReason: row.disabled_reason,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
