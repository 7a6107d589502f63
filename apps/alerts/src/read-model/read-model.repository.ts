import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The version of a row: the time and id of the event it came from. Later (time, id) wins. */
export interface EventVersion {
  at: string;
  eventId: string;
}

export interface PermitSnapshot {
  permitNumber: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  plannedCompletionDate: string | null;
  fivePartyAcceptanceDate: string | null;
  completionFilingDate: string | null;
  status: string;
}

export interface ProjectSnapshot {
  projectCode: string;
  projectName: string;
  regionCode: string;
  projectType: string | null;
  typedAtRegistration: boolean;
}

export interface PresaleSnapshot {
  presaleNumber: string;
  letter: 'Y' | 'Z';
  projectCode: string;
  projectName: string;
  regionCode: string;
  permitNumbers: string[];
  status: string;
  /** Z: the backfill's submit (earliest time wins) */
  backfillSubmittedAt: string | null;
}

export interface DifferenceSnapshot {
  id: string;
  presaleNumber: string;
  regionCode: string;
  month: string;
  state: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
  countDelta: number;
  areaDelta: number;
  amountDeltaFen: number;
  foundAt: string;
  closedAt: string | null;
}

/**
 * The read models' writes. Every upsert is order-independent: a row keeps the (time, id) of the event
 * it came from and only a later one replaces it; monotone facts (typed at registration, governance,
 * earliest PRESALE time, difference state rank) are merged, never overwritten. Replaying the streams
 * in any order, with duplicates, therefore rebuilds the same rows.
 */
@Injectable()
export class ReadModelRepository {
  async upsertPermit(m: EntityManager, p: PermitSnapshot, v: EventVersion): Promise<void> {
    await m.query(
      `INSERT INTO rm_permit AS r (permit_number, project_code, project_name, region_code, planned_completion_date,
              five_party_acceptance_date, completion_filing_date, status, first_seen_at, version_at, version_event)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
       ON CONFLICT (permit_number) DO UPDATE SET
         first_seen_at = LEAST(r.first_seen_at, EXCLUDED.first_seen_at),
         project_code = CASE WHEN ${newer('r')} THEN EXCLUDED.project_code ELSE r.project_code END,
         project_name = CASE WHEN ${newer('r')} THEN EXCLUDED.project_name ELSE r.project_name END,
         region_code = CASE WHEN ${newer('r')} THEN EXCLUDED.region_code ELSE r.region_code END,
         planned_completion_date = CASE WHEN ${newer('r')} THEN EXCLUDED.planned_completion_date ELSE r.planned_completion_date END,
         five_party_acceptance_date = CASE WHEN ${newer('r')} THEN EXCLUDED.five_party_acceptance_date ELSE r.five_party_acceptance_date END,
         completion_filing_date = CASE WHEN ${newer('r')} THEN EXCLUDED.completion_filing_date ELSE r.completion_filing_date END,
         status = CASE WHEN ${newer('r')} THEN EXCLUDED.status ELSE r.status END,
         version_event = CASE WHEN ${newer('r')} THEN EXCLUDED.version_event ELSE r.version_event END,
         version_at = GREATEST(r.version_at, EXCLUDED.version_at)`,
      [
        p.permitNumber,
        p.projectCode,
        p.projectName,
        p.regionCode,
        p.plannedCompletionDate,
        p.fivePartyAcceptanceDate,
        p.completionFilingDate,
        p.status,
        v.at,
        v.eventId,
      ],
    );
  }

  async upsertProject(m: EntityManager, p: ProjectSnapshot, v: EventVersion): Promise<void> {
    await m.query(
      `INSERT INTO rm_project AS r (project_code, project_name, region_code, project_type, typed_at_registration,
              presale_since, version_at, version_event)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'PRESALE' THEN $6::timestamptz END, $6, $7)
       ON CONFLICT (project_code) DO UPDATE SET
         typed_at_registration = r.typed_at_registration OR EXCLUDED.typed_at_registration,
         presale_since = LEAST(r.presale_since, EXCLUDED.presale_since),
         project_name = CASE WHEN ${newer('r')} THEN EXCLUDED.project_name ELSE r.project_name END,
         region_code = CASE WHEN ${newer('r')} THEN EXCLUDED.region_code ELSE r.region_code END,
         project_type = CASE WHEN ${newer('r')} THEN EXCLUDED.project_type ELSE r.project_type END,
         version_event = CASE WHEN ${newer('r')} THEN EXCLUDED.version_event ELSE r.version_event END,
         version_at = GREATEST(r.version_at, EXCLUDED.version_at)`,
      [p.projectCode, p.projectName, p.regionCode, p.projectType, p.typedAtRegistration, v.at, v.eventId],
    );
  }

  async upsertAcceptance(
    m: EntityManager,
    a: {
      permitNumber: string;
      fivePartyAcceptanceDate: string | null;
      completionFilingDate: string | null;
      governance: boolean;
    },
    v: EventVersion,
  ): Promise<void> {
    await m.query(
      `INSERT INTO rm_acceptance AS r (permit_number, five_party_acceptance_date, completion_filing_date, governance,
              version_at, version_event)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (permit_number) DO UPDATE SET
         governance = r.governance OR EXCLUDED.governance,
         five_party_acceptance_date = CASE WHEN ${newer('r')} THEN EXCLUDED.five_party_acceptance_date ELSE r.five_party_acceptance_date END,
         completion_filing_date = CASE WHEN ${newer('r')} THEN EXCLUDED.completion_filing_date ELSE r.completion_filing_date END,
         version_event = CASE WHEN ${newer('r')} THEN EXCLUDED.version_event ELSE r.version_event END,
         version_at = GREATEST(r.version_at, EXCLUDED.version_at)`,
      [a.permitNumber, a.fivePartyAcceptanceDate, a.completionFilingDate, a.governance, v.at, v.eventId],
    );
  }

  async upsertPresale(m: EntityManager, p: PresaleSnapshot, v: EventVersion): Promise<void> {
    await m.query(
      `INSERT INTO rm_presale AS r (presale_number, letter, project_code, project_name, region_code, permit_numbers,
              status, backfill_submitted_at, version_at, version_event)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (presale_number) DO UPDATE SET
         backfill_submitted_at = LEAST(r.backfill_submitted_at, EXCLUDED.backfill_submitted_at),
         project_code = CASE WHEN ${newer('r')} THEN EXCLUDED.project_code ELSE r.project_code END,
         project_name = CASE WHEN ${newer('r')} THEN EXCLUDED.project_name ELSE r.project_name END,
         region_code = CASE WHEN ${newer('r')} THEN EXCLUDED.region_code ELSE r.region_code END,
         permit_numbers = CASE WHEN ${newer('r')} THEN EXCLUDED.permit_numbers ELSE r.permit_numbers END,
         status = CASE WHEN ${newer('r')} THEN EXCLUDED.status ELSE r.status END,
         version_event = CASE WHEN ${newer('r')} THEN EXCLUDED.version_event ELSE r.version_event END,
         version_at = GREATEST(r.version_at, EXCLUDED.version_at)`,
      [
        p.presaleNumber,
        p.letter,
        p.projectCode,
        p.projectName,
        p.regionCode,
        p.permitNumbers,
        p.status,
        p.backfillSubmittedAt,
        v.at,
        v.eventId,
      ],
    );
  }

  /** A corrected presale number no longer counts (its successor carries the permit on). */
  async markPresaleSuperseded(m: EntityManager, presaleNumber: string, v: EventVersion): Promise<void> {
    await m.query(
      `UPDATE rm_presale r SET status = 'CORRECTED', version_at = $2, version_event = $3
        WHERE presale_number = $1 AND ${newer('r', '$2::timestamptz', '$3::text')}`,
      [presaleNumber, v.at, v.eventId],
    );
  }

  /** The construction permits a presale number names now, with its project's permits. */
  async presalePermitNumbers(m: EntityManager, presaleNumber: string): Promise<string[]> {
    const rows: Array<{ n: string }> = await m.query(
      `SELECT unnest(s.permit_numbers) AS n FROM rm_presale s WHERE s.presale_number = $1
       UNION SELECT p.permit_number FROM rm_presale s JOIN rm_permit p ON p.project_code = s.project_code
        WHERE s.presale_number = $1`,
      [presaleNumber],
    );
    return rows.map((r) => r.n);
  }

  async backfillSubmittedAt(m: EntityManager, presaleNumber: string): Promise<string | null> {
    const rows: Array<{ at: Date | null }> = await m.query(
      `SELECT backfill_submitted_at AS at FROM rm_presale WHERE presale_number = $1`,
      [presaleNumber],
    );
    return rows[0]?.at ? rows[0].at.toISOString() : null;
  }

  async insertUnpermitted(
    m: EntityManager,
    u: { id: string; projectName: string; regionCode: string; developerName: string; localCertificateNumber: string },
    v: EventVersion,
  ): Promise<void> {
    await m.query(
      `INSERT INTO rm_unpermitted (id, project_name, region_code, developer_name, local_certificate_number,
              registered_at, version_event)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [u.id, u.projectName, u.regionCode, u.developerName, u.localCertificateNumber, v.at, v.eventId],
    );
  }

  async upsertDifference(m: EntityManager, d: DifferenceSnapshot, v: EventVersion): Promise<void> {
    // a difference only moves forward (OPEN → ACKNOWLEDGED → RESOLVED): the higher state wins in any order;
    // two events of one state (acknowledged twice): the earlier closing, then the lower event id
    const wins = `(${RANK('EXCLUDED.state')} > ${RANK('r.state')} OR (${RANK('EXCLUDED.state')} = ${RANK('r.state')}
      AND (COALESCE(EXCLUDED.closed_at, '-infinity'), EXCLUDED.version_event) < (COALESCE(r.closed_at, '-infinity'), r.version_event)))`;
    await m.query(
      `INSERT INTO rm_difference AS r (id, presale_number, region_code, month, state, count_delta, area_delta,
              amount_delta_fen, found_at, closed_at, version_event)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET
         state = CASE WHEN ${wins} THEN EXCLUDED.state ELSE r.state END,
         closed_at = CASE WHEN ${wins} THEN EXCLUDED.closed_at ELSE r.closed_at END,
         version_event = CASE WHEN ${wins} THEN EXCLUDED.version_event ELSE r.version_event END,
         found_at = LEAST(r.found_at, EXCLUDED.found_at)`,
      [
        d.id,
        d.presaleNumber,
        d.regionCode,
        d.month,
        d.state,
        d.countDelta,
        d.areaDelta,
        d.amountDeltaFen,
        d.foundAt,
        d.closedAt,
        v.eventId,
      ],
    );
  }

  async upsertEscrow(
    m: EntityManager,
    e: { presaleNumber: string; regionCode: string; fundSupervision: boolean; state: string },
    v: EventVersion,
  ): Promise<void> {
    await m.query(
      `INSERT INTO rm_escrow AS r (presale_number, region_code, fund_supervision, state, version_at, version_event)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (presale_number) DO UPDATE SET
         region_code = CASE WHEN ${newer('r')} THEN EXCLUDED.region_code ELSE r.region_code END,
         fund_supervision = CASE WHEN ${newer('r')} THEN EXCLUDED.fund_supervision ELSE r.fund_supervision END,
         state = CASE WHEN ${newer('r')} THEN EXCLUDED.state ELSE r.state END,
         version_event = CASE WHEN ${newer('r')} THEN EXCLUDED.version_event ELSE r.version_event END,
         version_at = GREATEST(r.version_at, EXCLUDED.version_at)`,
      [e.presaleNumber, e.regionCode, e.fundSupervision, e.state, v.at, v.eventId],
    );
  }

  /** Permit numbers of a project (a type or presale change re-evaluates all of them). */
  async permitsOfProject(m: EntityManager, projectCode: string): Promise<string[]> {
    const rows: Array<{ permit_number: string }> = await m.query(
      `SELECT permit_number FROM rm_permit WHERE project_code = $1`,
      [projectCode],
    );
    return rows.map((r) => r.permit_number);
  }

  /** Differences found for a presale permit (their alerts carry its project name and code). */
  async differencesOfPresale(m: EntityManager, presaleNumber: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id::text AS id FROM rm_difference WHERE presale_number = $1`,
      [presaleNumber],
    );
    return rows.map((r) => r.id);
  }
}

/** SQL: the incoming row (EXCLUDED or the given parameters) is later than the stored one. */
function newer(alias: string, at = 'EXCLUDED.version_at', id = 'EXCLUDED.version_event'): string {
  return `(${at}, ${id}) > (${alias}.version_at, ${alias}.version_event)`;
}

const RANK = (column: string): string =>
  `(CASE ${column} WHEN 'RESOLVED' THEN 2 WHEN 'ACKNOWLEDGED' THEN 1 ELSE 0 END)`;
