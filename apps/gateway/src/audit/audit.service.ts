import { Injectable, Logger } from '@nestjs/common';
import { PageV1, SortOrder } from '@hn/messages';
import { AuditRepository, AuditRow, AuditSortField } from './audit.repository';
import { redactForAudit } from './redact';

/** One audited action. `before` / `after` are redacted before they are stored. */
export interface AuditRecord {
  actor: string;
  role?: string | null;
  region?: string | null;
  /** "<METHOD> <route pattern>", e.g. "POST /api/v1/supervision/marking/batch" */
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  correlationId?: string | null;
  status: number;
}

export interface AuditEntryV1 {
  id: number;
  at: string;
  actor: string;
  role: string | null;
  region: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  correlationId: string | null;
  status: number;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  /** inclusive */
  from?: Date;
  /** exclusive */
  to?: Date;
  page: number;
  pageSize: number;
  /** absent: newest first */
  sort?: SortOrder<AuditSortField>;
}

const MAX_ACTOR_LENGTH = 128;
const MAX_TEXT_LENGTH = 1000;

/** Append-only audit trail of staff actions and logins (table audit_entry). */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly repository: AuditRepository) {}

  /**
   * Stores one entry. Never throws: an audit failure must not fail the request it describes, so it
   * is logged (without the entry's body) instead. Resolves to whether the row was written.
   */
  async record(entry: AuditRecord): Promise<boolean> {
    try {
      const before =
        entry.before === undefined || entry.before === null ? null : JSON.stringify(redactForAudit(entry.before));
      const after =
        entry.after === undefined || entry.after === null ? null : JSON.stringify(redactForAudit(entry.after));
      await this.repository.insert({
        actor: entry.actor.slice(0, MAX_ACTOR_LENGTH),
        role: entry.role ?? null,
        region: entry.region ?? null,
        action: entry.action.slice(0, MAX_TEXT_LENGTH),
        target: entry.target === undefined || entry.target === null ? null : entry.target.slice(0, MAX_TEXT_LENGTH),
        before,
        after,
        correlationId: entry.correlationId ?? null,
        status: entry.status,
      });
      return true;
    } catch (err) {
      this.logger.error(
        {
          err: { message: err instanceof Error ? err.message : String(err) },
          action: entry.action,
          status: entry.status,
          correlationId: entry.correlationId,
        },
        '审计记录写入失败 audit entry not written',
      );
      return false;
    }
  }

  /** Newest first unless sorted. */
  async list(query: AuditQuery): Promise<PageV1<AuditEntryV1>> {
    const { rows, total } = await this.repository.page(
      { actor: query.actor, actionPrefix: query.action, from: query.from, to: query.to, sort: query.sort },
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    return { items: rows.map(toEntry), page: query.page, pageSize: query.pageSize, total };
  }
}

function toEntry(row: AuditRow): AuditEntryV1 {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    role: row.role,
    region: row.region,
    action: row.action,
    target: row.target,
    before: row.before,
    after: row.after,
    correlationId: row.correlation_id,
    status: row.status,
  };
}
