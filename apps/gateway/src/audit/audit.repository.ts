import { Injectable } from '@nestjs/common';
import { AUDIT_SORT, SortOrder } from '@hn/messages';
import { orderBy } from '@hn/persistence';
import { DataSource } from 'typeorm';

export type AuditSortField = (typeof AUDIT_SORT.fields)[number];

/** The column of each sortable field of the audit log. */
const SORT_COLUMNS: Record<AuditSortField, string> = { at: 'at', actor: 'actor', action: 'action' };

/** The stored columns of an entry (before/after already redacted JSON text). */
export interface AuditValues {
  actor: string;
  role: string | null;
  region: string | null;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
  correlationId: string | null;
  status: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  role: string | null;
  region: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  correlation_id: string | null;
  status: number;
}

export interface AuditFilter {
  actor?: string;
  /** matched as a prefix (LIKE wildcards in it are escaped) */
  actionPrefix?: string;
  /** inclusive */
  from?: Date;
  /** exclusive */
  to?: Date;
  sort?: SortOrder<AuditSortField>;
}

const INSERT_ENTRY = `INSERT INTO audit_entry (actor, role, region, action, target, before, after, correlation_id, status)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)`;

/** SQL of the append-only audit trail (audit_entry); hand-written: one-statement insert and a filtered page. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(v: AuditValues): Promise<void> {
    await this.dataSource.query(INSERT_ENTRY, [
      v.actor,
      v.role,
      v.region,
      v.action,
      v.target,
      v.before,
      v.after,
      v.correlationId,
      v.status,
    ]);
  }

  /** One page, newest first, and the total of the filter. */
  async page(filter: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.actor) {
      params.push(filter.actor);
      where.push(`actor = $${params.length}`);
    }
    if (filter.actionPrefix) {
      params.push(`${filter.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`action LIKE $${params.length}`);
    }
    if (filter.from) {
      params.push(filter.from);
      where.push(`at >= $${params.length}`);
    }
    if (filter.to) {
      params.push(filter.to);
      where.push(`at < $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM audit_entry ${clause}`,
      params,
    )) as Array<{ total: number }>;
    const rows = (await this.dataSource.query(
      `SELECT id, at, actor, role, region, action, target, before, after, correlation_id, status
         FROM audit_entry ${clause}
        ORDER BY ${orderBy(filter.sort, SORT_COLUMNS, 'id', 'at DESC, id DESC')}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    )) as AuditRow[];
    return { rows, total };
  }
}
