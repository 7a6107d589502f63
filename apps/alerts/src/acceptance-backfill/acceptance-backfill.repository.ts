import { Injectable } from '@nestjs/common';
import {
  ACCEPTANCE_BACKFILL_SORT,
  AcceptanceBackfillStateV1,
  AcceptanceBackfillV1,
  AcceptanceKindV1,
  SortOrder,
  StoredScanV1,
} from '@hn/messages';
import { orderBy } from '@hn/persistence';

type BackfillSortField = (typeof ACCEPTANCE_BACKFILL_SORT.fields)[number];

/** The column of each sortable field of the list. */
const SORT_COLUMNS: Record<BackfillSortField, string> = {
  submittedAt: 'b.submitted_at',
  permitNumber: 'b.permit_number',
  regionCode: 'b.region_code',
  date: 'b.date',
};
import { EntityManager } from 'typeorm';

interface BackfillRow {
  id: string;
  permit_number: string;
  project_code: string;
  project_name: string;
  region_code: string;
  kind: AcceptanceKindV1;
  date: string;
  note: string | null;
  state: AcceptanceBackfillStateV1;
  submitted_by: string;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  sha256: string;
  content_type: StoredScanV1['contentType'];
  size: number;
  file_name: string;
  uploaded_at: Date;
}

const SELECT = `SELECT b.id, b.permit_number, b.project_code, b.project_name, b.region_code, b.kind, b.date::text AS date,
       b.note, b.state, b.submitted_by, b.submitted_at, b.decided_by, b.decided_at, b.decision_note,
       s.sha256, s.content_type, s.size, s.file_name, s.uploaded_at
  FROM acceptance_backfill b JOIN alert_scan s ON s.id = b.scan_id`;

function toV1(r: BackfillRow): AcceptanceBackfillV1 {
  return {
    id: r.id,
    permitNumber: r.permit_number,
    projectCode: r.project_code,
    projectName: r.project_name,
    regionCode: r.region_code,
    kind: r.kind,
    date: r.date,
    ...(r.note ? { note: r.note } : {}),
    state: r.state,
    scan: {
      sha256: r.sha256,
      contentType: r.content_type,
      size: r.size,
      fileName: r.file_name,
      uploadedAt: r.uploaded_at.toISOString(),
    },
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at.toISOString(),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
  };
}

/** 验收日期数据治理补录 records. */
@Injectable()
export class AcceptanceBackfillRepository {
  async hasPending(m: EntityManager, permitNumber: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM acceptance_backfill WHERE permit_number = $1 AND state = 'PENDING'`,
      [permitNumber],
    );
    return rows.length > 0;
  }

  async insert(
    m: EntityManager,
    b: {
      id: string;
      permitNumber: string;
      projectCode: string;
      projectName: string;
      regionCode: string;
      kind: AcceptanceKindV1;
      date: string;
      note: string | null;
      scanId: string;
      by: string;
      at: Date;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO acceptance_backfill (id, permit_number, project_code, project_name, region_code, kind, date, note,
              scan_id, state, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10, $11)`,
      [
        b.id,
        b.permitNumber,
        b.projectCode,
        b.projectName,
        b.regionCode,
        b.kind,
        b.date,
        b.note,
        b.scanId,
        b.by,
        b.at.toISOString(),
      ],
    );
  }

  async find(m: EntityManager, id: string, forUpdate = false): Promise<AcceptanceBackfillV1 | null> {
    const rows: BackfillRow[] = await m.query(`${SELECT} WHERE b.id = $1${forUpdate ? ' FOR UPDATE OF b' : ''}`, [id]);
    return rows[0] ? toV1(rows[0]) : null;
  }

  async decide(
    m: EntityManager,
    id: string,
    state: 'APPROVED' | 'RETURNED',
    by: string,
    note: string | null,
    at: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE acceptance_backfill SET state = $2, decided_by = $3, decision_note = $4, decided_at = $5 WHERE id = $1`,
      [id, state, by, note, at.toISOString()],
    );
  }

  async list(
    m: EntityManager,
    f: {
      regionPatterns: string[];
      requestedPattern: string | null;
      state: AcceptanceBackfillStateV1 | null;
      sort?: SortOrder<BackfillSortField>;
    },
    page: { offset: number; limit: number },
  ): Promise<{ items: AcceptanceBackfillV1[]; total: number }> {
    const where = `b.region_code LIKE ANY ($1::text[]) AND ($2::text IS NULL OR b.region_code LIKE $2)
                   AND ($3::text IS NULL OR b.state = $3)`;
    const params = [f.regionPatterns, f.requestedPattern, f.state];
    const [{ total }] = (await m.query(
      `SELECT count(*)::int AS total FROM acceptance_backfill b WHERE ${where}`,
      params,
    )) as [{ total: number }];
    const rows: BackfillRow[] = await m.query(
      `${SELECT} WHERE ${where} ORDER BY ${orderBy(f.sort, SORT_COLUMNS, 'b.id', 'b.submitted_at DESC, b.id')} LIMIT $4 OFFSET $5`,
      [...params, page.limit, page.offset],
    );
    return { items: rows.map(toV1), total };
  }
}
