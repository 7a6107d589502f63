import {
  CloudEvent,
  ESCROW_VIEW_FIELDS,
  ExchangeEventV1,
  MANIFEST_EVENT_TYPE,
  PRESALE_VIEW_FIELDS,
  SIGNING_STATISTIC_VIEW_FIELDS,
} from '@hn/messages';

/** How the events of one resource are read and pushed: the record's key in `data`, its fields, the view prefix. */
interface Resource {
  /** where the record sits in the pushed `data` */
  key: 'permit' | 'statistic' | 'escrow';
  fields: readonly string[];
  /** the data-view prefix of its fields ('' for the presale permit) */
  prefix: string;
  /** a correction: the record is `after`, with reason, report number and time */
  corrected: boolean;
}

const RESOURCES: Record<string, Resource> = {
  'hn.presale.permit.issued.v1': { key: 'permit', fields: PRESALE_VIEW_FIELDS, prefix: '', corrected: false },
  'hn.presale.permit.backfilled.v1': { key: 'permit', fields: PRESALE_VIEW_FIELDS, prefix: '', corrected: false },
  'hn.presale.permit.corrected.v1': { key: 'permit', fields: PRESALE_VIEW_FIELDS, prefix: '', corrected: true },
  'hn.contracts.statistics.reported.v1': {
    key: 'statistic',
    fields: SIGNING_STATISTIC_VIEW_FIELDS,
    prefix: 'signingStatistic.',
    corrected: false,
  },
  'hn.escrow.record.recorded.v1': { key: 'escrow', fields: ESCROW_VIEW_FIELDS, prefix: 'escrow.', corrected: false },
  'hn.escrow.record.corrected.v1': { key: 'escrow', fields: ESCROW_VIEW_FIELDS, prefix: 'escrow.', corrected: true },
};

/** Is this a type the exchange pushes? */
export function isPushedType(type: string): boolean {
  return type in RESOURCES;
}

/**
 * The record an event carries: presale issued / backfilled `permit`, statistics `statistic`, escrow
 * recorded `record`; a correction (presale or escrow) `after`. Null for anything else.
 */
export function recordOf(event: CloudEvent<unknown>): Record<string, unknown> | null {
  const resource = RESOURCES[event.type];
  const data = event.data as Record<string, unknown> | null;
  if (!resource || typeof data !== 'object' || data === null) return null;
  const at = resource.corrected ? 'after' : resource.key === 'escrow' ? 'record' : resource.key;
  const record = data[at];
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : null;
}

/**
 * The CloudEvent as a subscriber receives it: same id, source, type, subject and time; `data` is
 * `{ permit | statistic | escrow }` with only the fields of the subscriber's data view (presaleNumber
 * always). Fields are taken by an allow-list (the catalogue's lists), so nothing outside the data
 * catalogue — in particular no buyer's personal data, no staff account — can ever be pushed, whatever
 * the producer adds later. A correction also keeps its reason, report document number and time (who
 * corrected and the old values are not pushed). A completeness manifest is sent as it is.
 */
export function projectEvent(event: CloudEvent<unknown>, dataView: readonly string[]): ExchangeEventV1 {
  if (event.type === MANIFEST_EVENT_TYPE)
    return { ...event, subject: event.subject ?? '', data: event.data as Record<string, unknown> } as ExchangeEventV1;
  const resource = RESOURCES[event.type] ?? RESOURCES['hn.presale.permit.issued.v1'];
  const record = recordOf(event) ?? {};
  const chosen = new Set<string>(dataView);
  const projected: Record<string, unknown> = {};
  for (const field of resource.fields)
    if ((field === 'presaleNumber' || chosen.has(`${resource.prefix}${field}`)) && field in record)
      projected[field] = record[field];
  const data: Record<string, unknown> = { [resource.key]: projected };
  if (resource.corrected) {
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
