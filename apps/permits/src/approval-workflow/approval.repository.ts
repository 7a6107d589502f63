import { Injectable } from '@nestjs/common';
import type {
  ApplicationListRequestV1,
  ApplicationState,
  ApprovalAction,
  ApprovalStage,
  PermitApplicationSubmissionV1,
} from '@hn/messages';
import { EntityManager } from 'typeorm';

export interface ApprovalProjectRow {
  project_code: string;
  name: string;
  region_code: string;
  category: string;
  developer_name: string;
  developer_credit_code: string;
  project_type: string | null;
  type_locked_at: Date | null;
  registered: boolean;
}

export interface ApplicationRow {
  application_id: string;
  project_code: string;
  region_code: string;
  stage: ApprovalStage;
  state: ApplicationState;
  form: PermitApplicationSubmissionV1;
  submitted_by: string;
  submitted_at: Date;
  permit_number: string | null;
  project_name: string;
  project_type: string;
  developer_name: string;
  developer_credit_code: string;
  category: string;
  /** the stage published overdue (hn.permits.application.overdue.v1), until the case leaves it */
  overdue_stage: ApprovalStage | null;
  /** 项目资本保证金承诺函 kept with the application (permit_application_commitment_letter), without the bytes */
  letter_sha256: string | null;
  letter_content_type: string | null;
  letter_size: number | null;
  letter_file_name: string | null;
  letter_uploaded_at: Date | null;
  /** the current letter's version (1 from the submission, +1 with each RESUBMIT that uploads one) */
  letter_version: number | null;
}

/** The commitment letter's bytes and description, for the staff download. */
export interface CommitmentLetterRow {
  scan: Buffer;
  sha256: string;
  content_type: string;
  size: number;
  file_name: string;
}

/** One form field changed on RESUBMIT. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface TransitionRow {
  from_stage: ApprovalStage;
  to_stage: ApprovalStage;
  action: ApprovalAction;
  state: ApplicationState;
  actor: string;
  actor_role: string | null;
  opinion: string;
  items: string[];
  reason_code: string | null;
  at: Date;
  changes: FieldChange[];
  /** 受理 PASS: the type the reviewer confirmed (fields_seen.confirmedProjectType) */
  confirmed_project_type: string | null;
}

const APPLICATION_SELECT = `
  SELECT a.application_id, a.project_code, a.region_code, a.stage, a.state, a.form, a.submitted_by, a.submitted_at,
         a.permit_number, a.overdue_stage, p.name AS project_name, p.project_type, p.developer_name, p.developer_credit_code, p.category,
         l.sha256 AS letter_sha256, l.content_type AS letter_content_type, l.size AS letter_size,
         l.file_name AS letter_file_name, l.uploaded_at AS letter_uploaded_at, l.version AS letter_version
    FROM permit_application a JOIN project p ON p.project_code = a.project_code
    LEFT JOIN LATERAL (
      SELECT sha256, content_type, size, file_name, uploaded_at, version FROM permit_application_commitment_letter c
       WHERE c.application_id = a.application_id ORDER BY c.version DESC LIMIT 1) l ON true`;

/** SQL of 施工许可审批 (the project rows themselves are the ingest path's `project` table). */
@Injectable()
export class ApprovalRepository {
  async lockProject(m: EntityManager, projectCode: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('project:' || $1))`, [projectCode]);
  }

  async project(m: EntityManager, projectCode: string): Promise<ApprovalProjectRow | undefined> {
    const rows: ApprovalProjectRow[] = await m.query(
      `SELECT p.project_code, p.name, p.region_code, p.category, p.developer_name, p.developer_credit_code, p.project_type,
              ap.type_locked_at, (ap.project_code IS NOT NULL) AS registered
         FROM project p LEFT JOIN approval_project ap ON ap.project_code = p.project_code
        WHERE p.project_code = $1`,
      [projectCode],
    );
    return rows[0];
  }

  async markRegistered(m: EntityManager, projectCode: string, actor: string): Promise<void> {
    await m.query(
      `INSERT INTO approval_project (project_code, registered_by) VALUES ($1, $2) ON CONFLICT (project_code) DO NOTHING`,
      [projectCode, actor],
    );
  }

  /** The first stage 2–4 item (the permit application) locks the type; later ones keep the first time. */
  async lockType(m: EntityManager, projectCode: string): Promise<void> {
    await m.query(
      `UPDATE approval_project SET type_locked_at = COALESCE(type_locked_at, now()) WHERE project_code = $1`,
      [projectCode],
    );
  }

  async insertApplication(
    m: EntityManager,
    a: {
      id: string;
      projectCode: string;
      regionCode: string;
      form: PermitApplicationSubmissionV1;
      actor: string;
      at: Date;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO permit_application
         (application_id, project_code, region_code, stage, state, form, submitted_by, submitted_at, updated_at)
       VALUES ($1, $2, $3, 'ACCEPTANCE', 'SUBMITTED', $4::jsonb, $5, $6, $6)`,
      [a.id, a.projectCode, a.regionCode, JSON.stringify(a.form), a.actor, a.at],
    );
  }

  async insertCommitmentLetter(
    m: EntityManager,
    l: {
      id: string;
      scan: Buffer;
      sha256: string;
      contentType: string;
      size: number;
      fileName: string;
      actor: string;
      at: Date;
    },
  ): Promise<number> {
    // the next version of the application's letter (its row is locked by the caller; the key guards anyway)
    const rows: Array<{ version: number }> = await m.query(
      `INSERT INTO permit_application_commitment_letter
         (application_id, version, scan, sha256, content_type, size, file_name, uploaded_by, uploaded_at)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8
         FROM permit_application_commitment_letter WHERE application_id = $1
       RETURNING version`,
      [l.id, l.scan, l.sha256, l.contentType, l.size, l.fileName, l.actor, l.at],
    );
    return rows[0]!.version;
  }

  /** The current letter (highest version); earlier versions stay in the table. */
  async commitmentLetter(m: EntityManager, id: string): Promise<CommitmentLetterRow | undefined> {
    const rows: CommitmentLetterRow[] = await m.query(
      `SELECT scan, sha256, content_type, size, file_name FROM permit_application_commitment_letter
        WHERE application_id = $1 ORDER BY version DESC LIMIT 1`,
      [id],
    );
    return rows[0];
  }

  async application(m: EntityManager, id: string, forUpdate = false): Promise<ApplicationRow | undefined> {
    if (forUpdate) await m.query(`SELECT 1 FROM permit_application WHERE application_id = $1 FOR UPDATE`, [id]);
    const rows: ApplicationRow[] = await m.query(`${APPLICATION_SELECT} WHERE a.application_id = $1`, [id]);
    return rows[0];
  }

  async list(
    m: EntityManager,
    regions: string[],
    q: ApplicationListRequestV1,
  ): Promise<{ rows: ApplicationRow[]; total: number }> {
    const params: unknown[] = [regions.map((r) => r.replace(/(00)+$/, ''))];
    const where = [`EXISTS (SELECT 1 FROM unnest($1::text[]) r(prefix) WHERE a.region_code LIKE r.prefix || '%')`];
    if (q.state) where.push(`a.state = $${params.push(q.state)}`);
    if (q.stage) where.push(`a.stage = $${params.push(q.stage)}`);
    if (q.regionCode) where.push(`a.region_code LIKE $${params.push(q.regionCode.replace(/(00)+$/, '') + '%')}`);
    const clause = where.join(' AND ');
    const [{ total }] = (await m.query(
      `SELECT count(*)::int AS total FROM permit_application a WHERE ${clause}`,
      params,
    )) as Array<{ total: number }>;
    const rows: ApplicationRow[] = await m.query(
      `${APPLICATION_SELECT} WHERE ${clause} ORDER BY a.submitted_at DESC, a.application_id
        LIMIT $${params.push(q.pageSize)} OFFSET $${params.push((q.page - 1) * q.pageSize)}`,
      params,
    );
    return { rows, total };
  }

  async history(m: EntityManager, ids: string[]): Promise<Map<string, TransitionRow[]>> {
    const rows: Array<TransitionRow & { application_id: string }> = await m.query(
      `SELECT application_id, from_stage, to_stage, action, state, actor, actor_role, opinion, items, reason_code, at,
              changes, fields_seen->>'confirmedProjectType' AS confirmed_project_type
         FROM permit_application_transition WHERE application_id = ANY($1::uuid[]) ORDER BY application_id, id`,
      [ids],
    );
    const out = new Map<string, TransitionRow[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.application_id)!.push(r);
    return out;
  }

  async recordTransition(
    m: EntityManager,
    t: {
      id: string;
      from: ApprovalStage;
      to: ApprovalStage;
      action: ApprovalAction;
      state: ApplicationState;
      actor: string;
      actorRole: string | null;
      opinion: string;
      items: string[];
      reasonCode: string | null;
      fieldsSeen: unknown;
      permitNumber?: string;
      at: Date;
      changes?: FieldChange[];
      /** RESUBMIT with corrections: the corrected form */
      form?: PermitApplicationSubmissionV1;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO permit_application_transition
         (application_id, from_stage, to_stage, action, state, actor, actor_role, opinion, items, reason_code, fields_seen,
          at, changes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::jsonb, $12, $13::jsonb)`,
      [
        t.id,
        t.from,
        t.to,
        t.action,
        t.state,
        t.actor,
        t.actorRole,
        t.opinion,
        JSON.stringify(t.items),
        t.reasonCode,
        JSON.stringify(t.fieldsSeen),
        t.at,
        JSON.stringify(t.changes ?? []),
      ],
    );
    await m.query(
      `UPDATE permit_application SET stage = $2, state = $3, updated_at = $5, permit_number = COALESCE($4, permit_number),
              form = COALESCE($6::jsonb, form)
        WHERE application_id = $1`,
      [t.id, t.to, t.state, t.permitNumber ?? null, t.at, t.form ? JSON.stringify(t.form) : null],
    );
  }

  /**
   * The next daily serial of a region, in the caller's transaction: the counter row is created
   * (above any serial an ingested permit of that day already uses) or advanced, and stays locked
   * until the transaction ends, so concurrent decisions queue and a rollback leaves no gap.
   * null when 99 is used (never a wrap).
   */
  async nextSerial(m: EntityManager, regionCode: string, date: string): Promise<number | null> {
    const rows: Array<{ last_serial: number }> = await m.query(
      `INSERT INTO permit_serial_counter AS c (region_code, issue_date, last_serial)
       SELECT $1::char(6), $2::date, COALESCE(max(substr(permit_number, 15, 2)::int), 0) + 1
         FROM construction_permit WHERE permit_number LIKE $3
       HAVING COALESCE(max(substr(permit_number, 15, 2)::int), 0) < 99
       ON CONFLICT (region_code, issue_date) DO UPDATE SET last_serial = c.last_serial + 1 WHERE c.last_serial < 99
       RETURNING last_serial`,
      [regionCode, date, `${regionCode}${date.replace(/-/g, '')}%`],
    );
    return rows[0]?.last_serial ?? null;
  }
}
