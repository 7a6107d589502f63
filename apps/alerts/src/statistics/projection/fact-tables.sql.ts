import { areaHundredths } from '../figures/figure-vector';
import type { FactVersions } from '../figures/fact-versions';

/**
 * The per-record fact tables (rm_stat_*) as descriptors: one column list drives the INSERT of a version,
 * the SELECT of a record's versions and the upkeep of next_at, so the three never disagree.
 */
type ColumnType = 'text' | 'date' | 'area' | 'int' | 'bigint' | 'bool';

export interface FactTable {
  table: string;
  /** the record's key column (versions are rows of one key) */
  key: string;
  /** [column, field of the version, type] */
  columns: Array<[string, string, ColumnType]>;
}

export type FactKind = keyof FactVersions;

export const FACT_TABLES: Record<FactKind, FactTable> = {
  permits: {
    table: 'rm_stat_permit',
    key: 'permit_number',
    columns: [
      ['permit_number', 'permitNumber', 'text'],
      ['project_code', 'projectCode', 'text'],
      ['project_name', 'projectName', 'text'],
      ['region_code', 'regionCode', 'text'],
      ['issue_date', 'issueDate', 'date'],
      ['floor_area', 'floorArea', 'area'],
      ['category', 'category', 'text'],
      ['status', 'status', 'text'],
    ],
  },
  projects: {
    table: 'rm_stat_project',
    key: 'project_code',
    columns: [
      ['project_code', 'projectCode', 'text'],
      ['project_name', 'projectName', 'text'],
      ['region_code', 'regionCode', 'text'],
      ['project_type', 'projectType', 'text'],
    ],
  },
  presales: {
    table: 'rm_stat_presale',
    key: 'presale_number',
    columns: [
      ['presale_number', 'presaleNumber', 'text'],
      ['letter', 'letter', 'text'],
      ['project_code', 'projectCode', 'text'],
      ['project_name', 'projectName', 'text'],
      ['region_code', 'regionCode', 'text'],
      ['issue_date', 'issueDate', 'date'],
      ['presale_area', 'presaleArea', 'area'],
      ['unit_count', 'unitCount', 'int'],
      ['fund_supervision', 'fundSupervision', 'bool'],
      ['superseded', 'superseded', 'bool'],
    ],
  },
  escrows: {
    table: 'rm_stat_escrow',
    key: 'presale_number',
    columns: [
      ['presale_number', 'presaleNumber', 'text'],
      ['region_code', 'regionCode', 'text'],
      ['state', 'state', 'text'],
      ['capital_guarantee_fen', 'capitalGuaranteeFen', 'bigint'],
      ['commitment_letter', 'commitmentLetter', 'bool'],
      ['fund_supervision', 'fundSupervision', 'bool'],
      ['balance_fen', 'balanceFen', 'bigint'],
      ['balance_as_of', 'balanceAsOf', 'date'],
    ],
  },
  filings: {
    table: 'rm_stat_filing',
    key: 'contract_number',
    columns: [
      ['contract_number', 'contractNumber', 'text'],
      ['presale_number', 'presaleNumber', 'text'],
      ['project_code', 'projectCode', 'text'],
      ['region_code', 'regionCode', 'text'],
      ['filing_date', 'filingDate', 'date'],
      ['floor_area', 'floorArea', 'area'],
      ['amount_fen', 'amountFen', 'bigint'],
      ['payment_method', 'paymentMethod', 'text'],
      ['status', 'status', 'text'],
      ['cancelled_at', 'cancelledAt', 'text'],
    ],
  },
};

const CAST: Record<ColumnType, string> = {
  text: '',
  date: '::date',
  area: '::numeric / 100',
  int: '::int',
  bigint: '::bigint',
  bool: '::boolean',
};

/** A version's row; a repeated event (same key, time and id) changes nothing. */
export function insertVersionSql(t: FactTable): string {
  const cols = t.columns.map(([c]) => c);
  const values = t.columns.map(([c, , type], i) => `$${i + 3}${c === 'cancelled_at' ? '::timestamptz' : CAST[type]}`);
  return `INSERT INTO ${t.table} (version_at, version_event, ${cols.join(', ')})
          VALUES ($1, $2, ${values.join(', ')}) ON CONFLICT DO NOTHING`;
}

/** next_at of every version of the given keys: the time of the version after it ((time, id) order). */
export function nextAtSql(t: FactTable): string {
  return `UPDATE ${t.table} r SET next_at = n.next_at
            FROM (SELECT ${t.key} AS k, version_at, version_event,
                         lead(version_at) OVER (PARTITION BY ${t.key}
                                                ORDER BY version_at, version_event COLLATE "C") AS next_at
                    FROM ${t.table} WHERE ${t.key} = ANY ($1::text[])) n
           WHERE r.${t.key} = n.k AND r.version_at = n.version_at AND r.version_event = n.version_event
             AND r.next_at IS DISTINCT FROM n.next_at`;
}

/** Every version of the given keys, as the version objects (areas in hundredths, instants as RFC 3339). */
export function selectVersionsSql(t: FactTable, by: string = t.key): string {
  const select = t.columns.map(([c, field, type]) => {
    const expr = type === 'date' || type === 'area' || type === 'bigint' ? `${c}::text` : c;
    return `${expr} AS "${field}"`;
  });
  return `SELECT version_at AS "at", version_event AS "event", ${select.join(', ')}
            FROM ${t.table} WHERE ${by} = ANY ($1::text[])`;
}

/** A row of selectVersionsSql → the version object. */
export function versionOf<T>(t: FactTable, row: Record<string, unknown>): T {
  const out: Record<string, unknown> = { at: (row['at'] as Date).toISOString(), event: row['event'] };
  for (const [c, field, type] of t.columns) {
    const v = row[field];
    if (v === null || v === undefined) out[field] = null;
    else if (type === 'area') out[field] = areaHundredths(v as string);
    else if (type === 'bigint') out[field] = Number(v);
    else if (c === 'cancelled_at') out[field] = new Date(v as string).toISOString();
    else out[field] = v;
  }
  return out as T;
}
