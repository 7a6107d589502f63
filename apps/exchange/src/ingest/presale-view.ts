import { CloudEvent, ExchangeEventV1, MANIFEST_EVENT_TYPE, PRESALE_VIEW_FIELDS } from '@hn/messages';

/** The permit a presale event carries (issued / backfilled: `permit`; corrected: `after`). */
export function permitOf(event: CloudEvent<unknown>): Record<string, unknown> | null {
  const data = event.data as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null) return null;
  const permit = event.type === 'hn.presale.permit.corrected.v1' ? data['after'] : data['permit'];
  return typeof permit === 'object' && permit !== null ? (permit as Record<string, unknown>) : null;
}

/**
 * The CloudEvent as a subscriber receives it: same id, source, type, subject and time; `data` is
 * `{ permit }` with only the fields of the subscriber's data view (presaleNumber always). Fields are
 * taken by an allow-list (PRESALE_VIEW_FIELDS), so nothing outside the data catalogue — in particular
 * no buyer's personal data — can ever be pushed, whatever the producer adds later. A correction also
 * keeps its reason, report document number and time (who corrected and the old values are not pushed).
 */
export function projectEvent(event: CloudEvent<unknown>, dataView: readonly string[]): ExchangeEventV1 {
  // a completeness manifest is the platform's own record for this subscriber: sent as it is
  if (event.type === MANIFEST_EVENT_TYPE)
    return { ...event, subject: event.subject ?? '', data: event.data as Record<string, unknown> } as ExchangeEventV1;
  const permit = permitOf(event) ?? {};
  const fields = new Set<string>(['presaleNumber', ...dataView]);
  const projected: Record<string, unknown> = {};
  for (const field of PRESALE_VIEW_FIELDS) if (fields.has(field) && field in permit) projected[field] = permit[field];
  const data: Record<string, unknown> = { permit: projected };
  if (event.type === 'hn.presale.permit.corrected.v1') {
    const d = event.data as Record<string, unknown>;
    for (const key of ['reason', 'documentNumber', 'correctedAt']) if (key in d) data[key] = d[key];
  }
  return {
    specversion: '1.0',
    id: event.id,
    source: event.source,
    type: event.type,
    subject: String(projected['presaleNumber'] ?? event.subject ?? ''),
    time: event.time,
    datacontenttype: 'application/json',
    data,
  };
}
