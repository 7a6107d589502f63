import { Injectable } from '@nestjs/common';
import {
  AlertCauseV1,
  AlertDismissalV1,
  AlertFollowUpInputV1,
  AlertFollowUpV1,
  AlertHistoryEntryV1,
  AlertScopeV1,
  AlertStateV1,
  AlertTypeV1,
  ALERT_SORT,
  SortOrder,
  StoredScanV1,
} from '@hn/messages';
import { orderBy } from '@hn/persistence';
import { EntityManager } from 'typeorm';
import { AlertCandidate } from '../rules/alert-candidate';

export interface AlertRow {
  id: string;
  type: AlertTypeV1;
  subject_key: string;
  state: AlertStateV1;
  scope: AlertScopeV1 | null;
  region_code: string;
  project_code: string | null;
  project_name: string;
  permit_number: string | null;
  presale_number: string | null;
  planned_completion_date: string | null;
  facts: Record<string, unknown>;
  raised_at: Date;
  cleared_at: Date | null;
  closed_at: Date | null;
}

export interface AlertFilter {
  /** LIKE patterns of the caller's regions (and of the requested region) */
  regionPatterns: string[];
  requestedPattern: string | null;
  type: AlertTypeV1 | null;
  states: AlertStateV1[];
  scope: AlertScopeV1 | null;
  keyword: string | null;
  /** the end of the asOf China day; null: the current state */
  asOf: Date | null;
  sort?: SortOrder<AlertSortField>;
}

type AlertSortField = (typeof ALERT_SORT.fields)[number];

/** The column of each sortable field of the list. */
const SORT_COLUMNS: Record<AlertSortField, string> = {
  raisedAt: 'a.raised_at',
  type: 'a.type',
  regionCode: 'a.region_code',
  projectName: 'a.project_name',
  plannedCompletionDate: 'a.planned_completion_date',
};

const BASE_COLUMNS = `a.id, a.type, a.subject_key, a.scope, a.region_code, a.project_code, a.project_name,
  a.permit_number, a.presale_number, a.planned_completion_date::text AS planned_completion_date, a.facts, a.raised_at`;
const COLUMNS = `${BASE_COLUMNS}, a.cleared_at, a.closed_at`;

/** SQL: a dismissal decided after the asOf instant ($2). */
const LATER = `($2::timestamptz IS NOT NULL AND d.decided_at > $2)`;

/** Every SQL statement on the alerts and their follow-ups, dismissals and history. */
@Injectable()
export class AlertsRepository {
  /** Serialises the evaluation of one subject across consumers and replicas (transaction-scoped). */
  async lockSubject(m: EntityManager, type: AlertTypeV1, subjectKey: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 11))`, [`${type}:${subjectKey}`]);
  }

  async findOpen(m: EntityManager, type: AlertTypeV1, subjectKey: string): Promise<AlertRow | null> {
    const rows: AlertRow[] = await m.query(
      `SELECT ${COLUMNS}, a.state FROM alert a
        WHERE a.type = $1 AND a.subject_key = $2 AND a.state IN ('OPEN','FOLLOWING')`,
      [type, subjectKey],
    );
    return rows[0] ?? null;
  }

  /** A dismissal approved one level up holds for good: the same fact does not raise again. */
  async isDismissed(m: EntityManager, type: AlertTypeV1, subjectKey: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM alert WHERE type = $1 AND subject_key = $2 AND state = 'DISMISSED' LIMIT 1`,
      [type, subjectKey],
    );
    return rows.length > 0;
  }

  async countOpenByType(m: EntityManager): Promise<Map<string, number>> {
    const rows: Array<{ type: string; n: number }> = await m.query(
      `SELECT type, count(*)::int AS n FROM alert WHERE state IN ('OPEN','FOLLOWING') GROUP BY type`,
    );
    return new Map(rows.map((r) => [r.type, r.n]));
  }

  async findById(m: EntityManager, id: string, forUpdate = false): Promise<AlertRow | null> {
    const rows: AlertRow[] = await m.query(
      `SELECT ${COLUMNS}, a.state FROM alert a WHERE a.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(m: EntityManager, id: string, c: AlertCandidate): Promise<void> {
    await m.query(
      `INSERT INTO alert (id, type, subject_key, state, scope, region_code, project_code, project_name, permit_number,
              presale_number, planned_completion_date, facts, raised_at)
       VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        c.type,
        c.subjectKey,
        c.scope,
        c.regionCode,
        c.projectCode,
        c.projectName,
        c.permitNumber,
        c.presaleNumber,
        c.plannedCompletionDate,
        JSON.stringify(c.facts),
        c.raisedAt.toISOString(),
      ],
    );
  }

  /** The facts of an open alert changed (a scope, a name, a delta) without changing whether it holds. */
  async refresh(m: EntityManager, id: string, c: AlertCandidate): Promise<void> {
    await m.query(
      `UPDATE alert SET scope = $2, region_code = $3, project_code = $4, project_name = $5, permit_number = $6,
              presale_number = $7, planned_completion_date = $8, facts = $9, raised_at = $10
        WHERE id = $1 AND (scope, region_code, project_code, project_name, permit_number, presale_number,
              planned_completion_date, facts, raised_at)
          IS DISTINCT FROM ($2, $3::text, $4, $5, $6, $7, $8::date, $9::jsonb, $10::timestamptz)`,
      [
        id,
        c.scope,
        c.regionCode,
        c.projectCode,
        c.projectName,
        c.permitNumber,
        c.presaleNumber,
        c.plannedCompletionDate,
        JSON.stringify(c.facts),
        // derived from the facts alone: a fact that arrives late (an earlier registration) moves it
        c.raisedAt.toISOString(),
      ],
    );
  }

  async setState(m: EntityManager, id: string, state: AlertStateV1, closedAt: Date | null): Promise<void> {
    await m.query(
      `UPDATE alert SET state = $2, closed_at = $3,
              cleared_at = CASE WHEN $2 = 'CLEARED' THEN $3 ELSE cleared_at END
        WHERE id = $1`,
      [id, state, closedAt?.toISOString() ?? null],
    );
  }

  async addHistory(
    m: EntityManager,
    entry: {
      alertId: string;
      at: Date;
      recordedAt: Date;
      from: AlertStateV1 | null;
      to: AlertStateV1;
      actor: string;
      cause: AlertCauseV1;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO alert_history (alert_id, at, recorded_at, from_state, to_state, actor, cause)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.alertId,
        entry.at.toISOString(),
        entry.recordedAt.toISOString(),
        entry.from,
        entry.to,
        entry.actor,
        JSON.stringify(entry.cause),
      ],
    );
  }

  async history(m: EntityManager, alertId: string): Promise<AlertHistoryEntryV1[]> {
    const rows: Array<{
      at: Date;
      from_state: AlertStateV1 | null;
      to_state: AlertStateV1;
      actor: string;
      cause: AlertCauseV1;
    }> = await m.query(
      `SELECT at, from_state, to_state, actor, cause FROM alert_history WHERE alert_id = $1 ORDER BY recorded_at, id`,
      [alertId],
    );
    return rows.map((r) => ({
      at: r.at.toISOString(),
      fromState: r.from_state,
      toState: r.to_state,
      actor: r.actor,
      cause: r.cause,
    }));
  }

  /** One page of alerts and the total, in the caller's regions, now or as recorded at `asOf`. */
  async list(
    m: EntityManager,
    f: AlertFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: AlertRow[]; total: number }> {
    const params: unknown[] = [f.regionPatterns];
    const where: string[] = [`a.region_code LIKE ANY ($1::text[])`];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.requestedPattern) add((p) => `a.region_code LIKE ${p}`, f.requestedPattern);
    if (f.type) add((p) => `a.type = ${p}`, f.type);
    if (f.scope) add((p) => `a.scope = ${p}`, f.scope);
    if (f.keyword) {
      const like = `%${f.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add(
        (p) =>
          `(a.project_name ILIKE ${p} OR a.project_code ILIKE ${p} OR a.permit_number LIKE ${p} OR a.presale_number LIKE ${p})`,
        like,
      );
    }
    let stateColumn = 'a.state';
    let columns = COLUMNS;
    let from = 'alert a';
    if (f.asOf) {
      // the state each alert had as recorded by then; alerts not yet recorded have none and drop out
      params.push(f.asOf.toISOString());
      const t = `$${params.length}`;
      from = `alert a JOIN LATERAL (SELECT h.to_state FROM alert_history h WHERE h.alert_id = a.id
                 AND h.recorded_at <= ${t} ORDER BY h.recorded_at DESC, h.id DESC LIMIT 1) s ON true`;
      stateColumn = 's.to_state';
      // closed by then or not: an alert still open at asOf shows no clearing that came later
      const closed = `s.to_state IN ('CLEARED','DISMISSED')`;
      columns = `${BASE_COLUMNS}, CASE WHEN ${closed} THEN a.cleared_at END AS cleared_at,
        CASE WHEN ${closed} THEN a.closed_at END AS closed_at`;
    }
    add((p) => `${stateColumn} = ANY (${p}::text[])`, f.states);
    const whereSql = where.join(' AND ');
    // two statements, each on the partial index of open alerts (alert_open_idx): the page stops after
    // `limit` rows in raised_at order, the count is an index-only scan (cheaper than count(*) OVER ())
    const [{ total }] = (await m.query(`SELECT count(*)::int AS total FROM ${from} WHERE ${whereSql}`, params)) as [
      { total: number },
    ];
    params.push(page.limit, page.offset);
    const rows: AlertRow[] = await m.query(
      `SELECT ${columns}, ${stateColumn} AS state FROM ${from} WHERE ${whereSql}
        ORDER BY ${orderBy(f.sort, SORT_COLUMNS, 'a.id', 'a.raised_at DESC, a.id')} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total };
  }

  async followUps(
    m: EntityManager,
    alertIds: string[],
    asOf: Date | null = null,
  ): Promise<Map<string, AlertFollowUpV1[]>> {
    const out = new Map<string, AlertFollowUpV1[]>();
    if (alertIds.length === 0) return out;
    const rows: Array<{
      id: string;
      alert_id: string;
      reason: string;
      measures: string;
      responsible_person: string;
      phone: string;
      planned_date: string;
      recorded_by: string;
      recorded_at: Date;
    }> = await m.query(
      `SELECT id, alert_id, reason, measures, responsible_person, phone, planned_date::text AS planned_date,
              recorded_by, recorded_at
         FROM alert_follow_up WHERE alert_id = ANY ($1::uuid[]) AND ($2::timestamptz IS NULL OR recorded_at <= $2)
        ORDER BY recorded_at, id`,
      [alertIds, asOf?.toISOString() ?? null],
    );
    for (const r of rows) {
      const list = out.get(r.alert_id) ?? [];
      list.push({
        id: r.id,
        reason: r.reason,
        measures: r.measures,
        responsiblePerson: r.responsible_person,
        phone: r.phone,
        plannedDate: r.planned_date,
        recordedBy: r.recorded_by,
        recordedAt: r.recorded_at.toISOString(),
      });
      out.set(r.alert_id, list);
    }
    return out;
  }

  async insertFollowUp(
    m: EntityManager,
    id: string,
    alertId: string,
    f: AlertFollowUpInputV1,
    by: string,
    at: Date,
  ): Promise<void> {
    await m.query(
      `INSERT INTO alert_follow_up (id, alert_id, reason, measures, responsible_person, phone, planned_date,
              recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, alertId, f.reason, f.measures, f.responsiblePerson, f.phone, f.plannedDate, by, at.toISOString()],
    );
  }

  /** The latest dismissal request of each alert (as it stood at `asOf`, when given). */
  async dismissals(
    m: EntityManager,
    alertIds: string[],
    asOf: Date | null = null,
  ): Promise<Map<string, AlertDismissalV1>> {
    const out = new Map<string, AlertDismissalV1>();
    if (alertIds.length === 0) return out;
    const rows: Array<{
      id: string;
      alert_id: string;
      state: AlertDismissalV1['state'];
      reason: string;
      requested_by: string;
      requested_region: string;
      requested_at: Date;
      decided_by: string | null;
      decided_at: Date | null;
      decision_note: string | null;
      sha256: string;
      content_type: StoredScanV1['contentType'];
      size: number;
      file_name: string;
      uploaded_at: Date;
    }> = await m.query(
      // at asOf: requests made by then; a decision taken later is not shown (still PENDING then)
      `SELECT DISTINCT ON (d.alert_id) d.id, d.alert_id, CASE WHEN ${LATER} THEN 'PENDING' ELSE d.state END AS state,
              d.reason, d.requested_by, d.requested_region, d.requested_at,
              CASE WHEN ${LATER} THEN NULL ELSE d.decided_by END AS decided_by,
              CASE WHEN ${LATER} THEN NULL ELSE d.decided_at END AS decided_at,
              CASE WHEN ${LATER} THEN NULL ELSE d.decision_note END AS decision_note,
              s.sha256, s.content_type, s.size, s.file_name, s.uploaded_at
         FROM alert_dismissal d JOIN alert_scan s ON s.id = d.evidence_scan_id
        WHERE d.alert_id = ANY ($1::uuid[]) AND ($2::timestamptz IS NULL OR d.requested_at <= $2)
        ORDER BY d.alert_id, d.requested_at DESC, d.id`,
      [alertIds, asOf?.toISOString() ?? null],
    );
    for (const r of rows)
      out.set(r.alert_id, {
        id: r.id,
        state: r.state,
        reason: r.reason,
        evidence: {
          sha256: r.sha256,
          contentType: r.content_type,
          size: r.size,
          fileName: r.file_name,
          uploadedAt: r.uploaded_at.toISOString(),
        },
        requestedBy: r.requested_by,
        requestedRegion: r.requested_region,
        requestedAt: r.requested_at.toISOString(),
        decidedBy: r.decided_by,
        decidedAt: r.decided_at?.toISOString() ?? null,
        decisionNote: r.decision_note,
      });
    return out;
  }

  async insertDismissal(
    m: EntityManager,
    d: { id: string; alertId: string; reason: string; scanId: string; by: string; region: string; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO alert_dismissal (id, alert_id, state, reason, evidence_scan_id, requested_by, requested_region,
              requested_at)
       VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7)`,
      [d.id, d.alertId, d.reason, d.scanId, d.by, d.region, d.at.toISOString()],
    );
  }

  async pendingDismissal(
    m: EntityManager,
    alertId: string,
  ): Promise<{ id: string; requested_by: string; requested_region: string } | null> {
    const rows: Array<{ id: string; requested_by: string; requested_region: string }> = await m.query(
      `SELECT id, requested_by, requested_region FROM alert_dismissal
        WHERE alert_id = $1 AND state = 'PENDING' FOR UPDATE`,
      [alertId],
    );
    return rows[0] ?? null;
  }

  async decideDismissal(
    m: EntityManager,
    id: string,
    state: 'APPROVED' | 'REJECTED',
    by: string,
    note: string | null,
    at: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE alert_dismissal SET state = $2, decided_by = $3, decision_note = $4, decided_at = $5 WHERE id = $1`,
      [id, state, by, note, at.toISOString()],
    );
  }
}
