import { Injectable } from '@nestjs/common';
import {
  MARKING_LIST_SORT,
  ProjectType,
  ProjectTypedV1,
  PermitsEvents,
  SortOrder,
  SupervisionStateV1,
} from '@hn/messages';
import { orderBy } from '@hn/persistence';
import { buildCloudEvent, outboxNotifySqlIfDue, outboxRowParams } from '@hn/eventing';
import { DataSource, EntityManager } from 'typeorm';
import { RegionScope } from '../construction-permits/region-scope';
import { PERMITS_EVENT_SOURCE } from './marking-events';
import type { MarkingProjectRow } from './marking-projects';

export interface StepProjectRow {
  project_code: string;
  region_code: string;
  official_type: ProjectType | null;
  previous_type: ProjectType | null;
  previous_state: SupervisionStateV1 | null;
  state: SupervisionStateV1 | null;
  marked_type: ProjectType | null;
  current_step: string | null;
}

export interface MarkingListRow {
  permit_number: string;
  project_code: string;
  project_name: string;
  region_code: string;
  project_type: ProjectType | null;
  marking_state: SupervisionStateV1 | null;
  marked_by: string | null;
  issue_date: string;
  start_date: string | null;
  planned_completion_date: string | null;
  five_party_acceptance_date: string | null;
  completion_filing_date: string | null;
}

/** The marking list's filter, validated by the service. */
export interface MarkingListFilter {
  projectCategory: string;
  worksCategory: string;
  scope: RegionScope;
  /** region prefix (2, 4 or 6 digits) of the requested region */
  regionPrefix?: string;
  issueDateFrom?: string;
  issueDateTo?: string;
  projectType?: ProjectType | 'UNMARKED';
  keyword?: string;
  pageSize: number;
  offset: number;
  countCap: number;
  sort?: SortOrder<MarkingSortField>;
}

type MarkingSortField = (typeof MARKING_LIST_SORT.fields)[number];

/** The column of each sortable field (the only text of a sort that reaches SQL). */
const SORT_COLUMNS: Record<MarkingSortField, string> = {
  permitNumber: 'c.permit_number',
  projectName: 'c.project_name',
  regionCode: 'c.region_code',
  issueDate: 'c.issue_date',
  startDate: 'c.start_date',
  plannedCompletionDate: 'c.planned_completion_date',
};

export interface MarkingCorrectionInsert {
  correctionId: string;
  projectCode: string;
  previousType: ProjectType | null;
  projectType: ProjectType;
  before: unknown;
  after: unknown;
  reason: string;
  documentNumber: string;
  scan: Buffer;
  sha256: string;
  contentType: string;
  size: number;
  fileName: string;
  correctedBy: string;
}

const EFFECTIVE_TYPE = `CASE WHEN pm.state = 'DRAFT' THEN pm.marked_type ELSE p.project_type END`;

/**
 * SQL of 存量预售项目标记 (project_marking, marking_step, marking_step_project,
 * project_marking_correction and the project type it sets). Set-based statements; every writer
 * takes the EntityManager of the caller's transaction.
 */
@Injectable()
export class MarkingRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- projects of a marking

  permitsWithProjects(
    m: EntityManager,
    numbers: string[],
  ): Promise<Array<{ permit_number: string; project_code: string; region_code: string }>> {
    return m.query(
      `SELECT permit_number, project_code, region_code FROM construction_permit WHERE permit_number = ANY($1::text[])`,
      [numbers],
    );
  }

  /**
   * Transaction-scoped advisory locks on the projects, in sorted order (concurrent batches cannot
   * deadlock). Same key as the approval-system ingest ('project:' || code), so a marking and an
   * ingest of the same project serialise too.
   */
  async lockProjects(m: EntityManager, sortedCodes: string[]): Promise<void> {
    await m.query(`SELECT count(pg_advisory_xact_lock(hashtext('project:' || c))) FROM unnest($1::text[]) AS c`, [
      sortedCodes,
    ]);
  }

  /** The projects with their marking, sorted by code (call after lockProjects). */
  loadProjects(m: EntityManager, codes: string[]): Promise<MarkingProjectRow[]> {
    return m.query(
      `SELECT p.project_code, p.name, p.region_code, p.project_type, pm.state, pm.marked_type, pm.marked_by, pm.step_id
       FROM project p LEFT JOIN project_marking pm ON pm.project_code = p.project_code
      WHERE p.project_code = ANY($1::text[]) ORDER BY p.project_code`,
      [codes],
    );
  }

  /** Every permit of each project (a marking types the project, so all its permits). */
  async permitsOfProjects(m: EntityManager, codes: string[]): Promise<Map<string, string[]>> {
    const rows: Array<{ project_code: string; numbers: string[] }> = await m.query(
      `SELECT project_code, array_agg(permit_number::text ORDER BY permit_number) AS numbers FROM construction_permit WHERE project_code = ANY($1::text[]) GROUP BY project_code`,
      [codes],
    );
    return new Map(rows.map((r) => [r.project_code, r.numbers]));
  }

  // ---- list

  /** One page of the marking list, and its total counted up to countCap + 1. */
  async list(f: MarkingListFilter): Promise<{ rows: MarkingListRow[]; counted: number }> {
    const params: unknown[] = [f.projectCategory];
    // the works category is written out (not a parameter) so the partial index construction_permit_marking_idx applies
    const where = [`right(c.permit_number::text, 2) = '${f.worksCategory}'`, `p.category = $1`];
    const add = (sql: (n: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (!f.scope.all) {
      params.push(f.scope.counties, f.scope.cityPrefixes);
      where.push(
        `(c.region_code = ANY($${params.length - 1}::text[]) OR left(c.region_code, 4) = ANY($${params.length}::text[]))`,
      );
    }
    const prefix = f.regionPrefix;
    if (prefix !== undefined)
      add((n) => (prefix.length < 6 ? `left(c.region_code, ${prefix.length}) = ${n}` : `c.region_code = ${n}`), prefix);
    if (f.issueDateFrom !== undefined) add((n) => `c.issue_date >= ${n}::date`, f.issueDateFrom);
    if (f.issueDateTo !== undefined) add((n) => `c.issue_date <= ${n}::date`, f.issueDateTo);
    if (f.projectType === 'UNMARKED') where.push(`${EFFECTIVE_TYPE} IS NULL`);
    else if (f.projectType !== undefined) add((n) => `${EFFECTIVE_TYPE} = ${n}`, f.projectType);
    if (f.keyword !== undefined)
      add(
        (n) => `(c.project_name ILIKE ${n} OR c.permit_number LIKE ${n} OR c.project_code ILIKE ${n})`,
        `%${f.keyword.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
      );

    const fromSql = `FROM construction_permit c JOIN project p ON p.project_code = c.project_code LEFT JOIN project_marking pm ON pm.project_code = c.project_code WHERE ${where.join(' AND ')}`;
    const [rows, counted] = await Promise.all([
      this.dataSource.query(
        `SELECT c.permit_number, c.project_code, c.project_name, c.region_code, ${EFFECTIVE_TYPE} AS project_type, pm.state AS marking_state, pm.marked_by,
                c.issue_date, c.start_date, c.planned_completion_date, c.five_party_acceptance_date, c.completion_filing_date
         ${fromSql} ORDER BY ${orderBy(f.sort, SORT_COLUMNS, 'c.permit_number', 'c.project_code DESC, c.issue_date DESC, c.permit_number')} LIMIT ${f.pageSize} OFFSET ${f.offset}`,
        params,
      ) as Promise<MarkingListRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM (SELECT 1 ${fromSql} LIMIT ${f.countCap + 1}) t`,
        params,
      ) as Promise<Array<{ total: number }>>,
    ]);
    return { rows, counted: counted[0]?.total ?? 0 };
  }

  // ---- batch (one step)

  async insertStep(
    m: EntityManager,
    stepId: string,
    actor: string,
    projectType: ProjectType,
    numbers: string[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO marking_step (step_id, actor, project_type, permit_numbers) VALUES ($1, $2, $3, $4::text[])`,
      [stepId, actor, projectType, numbers],
    );
  }

  /** What each project was before this step, for withdraw. */
  async insertStepProjects(m: EntityManager, stepId: string, projectType: ProjectType, codes: string[]): Promise<void> {
    await m.query(
      `INSERT INTO marking_step_project (step_id, project_code, project_type, previous_type, previous_state, previous_marked_by, previous_marked_at, previous_step_id)
         SELECT $1, p.project_code, $2, CASE WHEN pm.state = 'DRAFT' THEN pm.marked_type ELSE p.project_type END, pm.state, pm.marked_by, pm.marked_at, pm.step_id
           FROM project p LEFT JOIN project_marking pm ON pm.project_code = p.project_code WHERE p.project_code = ANY($3::text[])`,
      [stepId, projectType, codes],
    );
  }

  async markDraft(
    m: EntityManager,
    codes: string[],
    projectType: ProjectType,
    actor: string,
    stepId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO project_marking AS pm (project_code, state, marked_type, marked_by, marked_at, step_id)
         SELECT c, 'DRAFT', $2, $3, now(), $4 FROM unnest($1::text[]) AS c
         ON CONFLICT (project_code) DO UPDATE SET state = 'DRAFT', marked_type = EXCLUDED.marked_type, marked_by = EXCLUDED.marked_by,
           marked_at = EXCLUDED.marked_at, step_id = EXCLUDED.step_id, updated_at = now()`,
      [codes, projectType, actor, stepId],
    );
  }

  // ---- withdraw

  /** One withdraw of a user at a time: two concurrent ones undo two steps, never the same one twice. */
  async lockActor(m: EntityManager, actor: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('marking-actor:' || $1))`, [actor]);
  }

  /** The caller's newest step, not withdrawn, with at least one project not yet submitted. */
  async lastOpenStep(m: EntityManager, actor: string): Promise<{ step_id: string; project_type: ProjectType } | null> {
    const rows: Array<{ step_id: string; project_type: ProjectType }> = await m.query(
      `SELECT s.step_id, s.project_type FROM marking_step s
        WHERE s.actor = $1 AND s.withdrawn_at IS NULL AND s.closed_at IS NULL
          AND EXISTS (SELECT 1 FROM marking_step_project sp LEFT JOIN project_marking pm ON pm.project_code = sp.project_code
                       WHERE sp.step_id = s.step_id AND pm.state IS DISTINCT FROM 'SUBMITTED')
        ORDER BY s.seq DESC LIMIT 1`,
      [actor],
    );
    return rows[0] ?? null;
  }

  async stepProjectCodes(m: EntityManager, stepId: string): Promise<string[]> {
    return (
      (await m.query(`SELECT project_code FROM marking_step_project WHERE step_id = $1 ORDER BY project_code`, [
        stepId,
      ])) as Array<{ project_code: string }>
    ).map((r) => r.project_code);
  }

  stepProjects(m: EntityManager, stepId: string): Promise<StepProjectRow[]> {
    return m.query(
      `SELECT sp.project_code, p.region_code, p.project_type AS official_type, sp.previous_type, sp.previous_state, pm.state, pm.marked_type, pm.step_id AS current_step
           FROM marking_step_project sp JOIN project p ON p.project_code = sp.project_code LEFT JOIN project_marking pm ON pm.project_code = sp.project_code
          WHERE sp.step_id = $1 ORDER BY sp.project_code`,
      [stepId],
    );
  }

  /**
   * Undoes the step: projects still as it left them go back to what they were before it; projects
   * another user's later step changed keep that change, and that step now undoes to what was
   * before this one; the step is marked withdrawn.
   */
  async withdrawStep(m: EntityManager, stepId: string, actor: string): Promise<void> {
    await m.query(
      `DELETE FROM project_marking pm USING marking_step_project sp
          WHERE sp.step_id = $1 AND pm.project_code = sp.project_code AND pm.step_id = $1 AND sp.previous_state IS NULL`,
      [stepId],
    );
    await m.query(
      `UPDATE project_marking pm SET state = 'DRAFT', marked_type = sp.previous_type, marked_by = sp.previous_marked_by, marked_at = sp.previous_marked_at,
                step_id = sp.previous_step_id, updated_at = now()
           FROM marking_step_project sp
          WHERE sp.step_id = $1 AND pm.project_code = sp.project_code AND pm.step_id = $1 AND sp.previous_state = 'DRAFT'`,
      [stepId],
    );
    await m.query(
      `UPDATE marking_step_project t SET previous_type = sp.previous_type, previous_state = sp.previous_state, previous_marked_by = sp.previous_marked_by,
                previous_marked_at = sp.previous_marked_at, previous_step_id = sp.previous_step_id
           FROM marking_step_project sp, marking_step ts
          WHERE sp.step_id = $1 AND t.project_code = sp.project_code AND t.previous_step_id = $1 AND ts.step_id = t.step_id AND ts.withdrawn_at IS NULL`,
      [stepId],
    );
    await m.query(`UPDATE marking_step SET withdrawn_at = now(), withdrawn_by = $2 WHERE step_id = $1`, [
      stepId,
      actor,
    ]);
  }

  // ---- submit

  /**
   * The DRAFT markings become the projects' types and are locked (SUBMITTED); steps whose every
   * project is now submitted are done (withdraw passes over them).
   */
  async submit(m: EntityManager, codes: string[], actor: string): Promise<void> {
    await m.query(
      `UPDATE project p SET project_type = pm.marked_type, updated_at = now() FROM project_marking pm WHERE pm.project_code = p.project_code AND p.project_code = ANY($1::text[])`,
      [codes],
    );
    await m.query(
      `UPDATE project_marking SET state = 'SUBMITTED', submitted_by = $2, submitted_at = now(), updated_at = now() WHERE project_code = ANY($1::text[])`,
      [codes, actor],
    );
    await m.query(
      `UPDATE marking_step s SET closed_at = now()
          WHERE s.withdrawn_at IS NULL AND s.closed_at IS NULL
            AND s.step_id IN (SELECT step_id FROM marking_step_project WHERE project_code = ANY($1::text[]))
            AND NOT EXISTS (SELECT 1 FROM marking_step_project sp LEFT JOIN project_marking pm ON pm.project_code = sp.project_code
                             WHERE sp.step_id = s.step_id AND pm.state IS DISTINCT FROM 'SUBMITTED')`,
      [codes],
    );
  }

  /**
   * hn.permits.project.typed.v1 for each project into the outbox, in the caller's transaction, with
   * ONE statement however many projects a submit locks (the rows are what enqueueEvent writes:
   * CloudEvents envelope, correlation header, clock_timestamp() in list order, debounced NOTIFY).
   */
  async enqueueProjectTyped(
    m: EntityManager,
    items: ProjectTypedV1[],
    correlationId: string | undefined,
  ): Promise<void> {
    if (items.length === 0) return;
    const rows = items.map((data) =>
      outboxRowParams(
        buildCloudEvent({
          source: PERMITS_EVENT_SOURCE,
          type: PermitsEvents.projectTyped,
          subject: data.projectCode,
          data,
        }),
        correlationId,
      ),
    );
    await m.query(
      `WITH inserted AS (
       INSERT INTO outbox_event (id, stream_subject, payload, headers, created_at)
       SELECT r.id, r.subject, r.payload, r.headers, clock_timestamp()
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) AS r(id, subject, payload, headers)
       RETURNING 1)
     SELECT ${outboxNotifySqlIfDue()} FROM inserted LIMIT 1`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
  }

  // ---- correction

  async markingRecord(m: EntityManager, projectCode: string): Promise<Record<string, unknown> | undefined> {
    const [previous] = (await m.query(
      `SELECT pm.state, pm.marked_type, pm.marked_by, pm.marked_at, pm.submitted_by, pm.submitted_at, pm.corrected_by, pm.corrected_at FROM project_marking pm WHERE pm.project_code = $1`,
      [projectCode],
    )) as Array<Record<string, unknown>>;
    return previous;
  }

  /** Stores the correction record with the report scan; returns its corrected_at (ISO, UTC). */
  async insertCorrection(m: EntityManager, c: MarkingCorrectionInsert): Promise<string> {
    const [{ corrected_at: correctedAt }] = (await m.query(
      `INSERT INTO project_marking_correction (correction_id, project_code, previous_type, project_type, before, after, reason, document_number,
           report_scan, report_sha256, report_content_type, report_size, report_file_name, corrected_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14)
         RETURNING to_char(corrected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS corrected_at`,
      [
        c.correctionId,
        c.projectCode,
        c.previousType,
        c.projectType,
        JSON.stringify(c.before),
        JSON.stringify(c.after),
        c.reason,
        c.documentNumber,
        c.scan,
        c.sha256,
        c.contentType,
        c.size,
        c.fileName,
        c.correctedBy,
      ],
    )) as Array<{ corrected_at: string }>;
    return correctedAt;
  }

  /** The corrected type becomes the project's type; the marking (still SUBMITTED) records who corrected it. */
  async applyCorrection(
    m: EntityManager,
    projectCode: string,
    projectType: ProjectType,
    correctedBy: string,
    correctedAt: string,
  ): Promise<void> {
    await m.query(`UPDATE project SET project_type = $2, updated_at = now() WHERE project_code = $1`, [
      projectCode,
      projectType,
    ]);
    await m.query(
      `UPDATE project_marking SET marked_type = $2, corrected_by = $3, corrected_at = $4::timestamptz, updated_at = now() WHERE project_code = $1`,
      [projectCode, projectType, correctedBy, correctedAt],
    );
  }
}
