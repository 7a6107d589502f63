import { Injectable } from '@nestjs/common';
import { AssessmentItemKindV1, SOCIAL_INVESTMENT_CATEGORY } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { RECORD_SETS } from '../statistics-sets.sql';
import type { AssessmentMeasure } from './assessment-rules';

export interface MeasuredRow {
  id: string;
  number: string | null;
  project_code: string | null;
  project_name: string;
  region_code: string;
  date: string | null;
}

/**
 * The records each measure counts, as of an instant — the statistics' record sets (same 口径 as the
 * summary and the drill-down) and the alerts' own tables read as recorded by then. Parameters: $1 the
 * instant T (end of the asOf China day), $2 the asOf date, $3 the region codes read, $4 the measure's
 * cut-off date (the marking deadline, or asOf − days).
 */
const MEASURE_SQL: Record<AssessmentMeasure, string> = {
  unmarkedSocialInvestmentPermits: `
    SELECT r.key AS id, NULL::text AS number, r.project_code, r.project_name, r.region_code, r.date::text AS date
      FROM (${RECORD_SETS.permits}) r
     WHERE r.project_type IS NULL AND r.category = '${SOCIAL_INVESTMENT_CATEGORY}' AND r.date <= $4::date`,
  presaleProjectsWithoutPresalePermit: `
    SELECT r.key AS id, NULL::text AS number, r.project_code, r.project_name, r.region_code, NULL::text AS date
      FROM (${RECORD_SETS.projects}) r WHERE $4::date IS NOT NULL`,
  backfilledPresaleWithoutEscrow: `
    SELECT r.key AS id, NULL::text AS number, r.project_code, r.project_name, r.region_code, r.date::text AS date
      FROM (${RECORD_SETS.escrow}) r WHERE r.supervision = 'NO_RECORD' AND $4::date IS NOT NULL`,
  overdueAcceptanceWithoutFollowUp: `
    SELECT r.key AS id, r.reference AS number, r.project_code, r.project_name, r.region_code, r.date::text AS date
      FROM (${RECORD_SETS.alerts}) r
     WHERE r.type = 'OVERDUE_ACCEPTANCE' AND r.date <= $4::date
       AND NOT EXISTS (SELECT 1 FROM alert_follow_up f WHERE f.alert_id = r.key::uuid AND f.recorded_at <= $1)`,
  governanceAcceptanceBackfills: `
    SELECT b.id::text AS id, b.permit_number AS number, b.project_code, b.project_name, b.region_code,
           (b.decided_at AT TIME ZONE 'Asia/Shanghai')::date::text AS date
      FROM acceptance_backfill b
     WHERE b.state = 'APPROVED' AND b.decided_at <= $1 AND b.region_code = ANY ($3::text[])
       AND $2::date IS NOT NULL AND $4::date IS NOT NULL`,
  unresolvedReconciliationDifferences: `
    SELECT r.key AS id, r.reference AS number, r.project_code, r.project_name, r.region_code, r.date::text AS date
      FROM (${RECORD_SETS.alerts}) r
     WHERE r.type = 'RECONCILIATION_DIFFERENCE' AND r.date <= $4::date`,
};

export const MEASURE_KIND: Record<AssessmentMeasure, AssessmentItemKindV1> = {
  unmarkedSocialInvestmentPermits: 'CONSTRUCTION_PERMIT',
  presaleProjectsWithoutPresalePermit: 'PROJECT',
  backfilledPresaleWithoutEscrow: 'PRESALE_PERMIT',
  overdueAcceptanceWithoutFollowUp: 'ALERT',
  governanceAcceptanceBackfills: 'ACCEPTANCE_BACKFILL',
  unresolvedReconciliationDifferences: 'ALERT',
};

/** Reads of the region assessment (营商环境考核). */
@Injectable()
export class AssessmentRepository {
  async measured(
    m: EntityManager,
    measure: AssessmentMeasure,
    at: Date,
    asOf: string,
    codes: string[],
    cutoff: string,
  ): Promise<MeasuredRow[]> {
    return m.query(`${MEASURE_SQL[measure]} ORDER BY id`, [at.toISOString(), asOf, codes, cutoff]);
  }

  /** (rule, item) pairs of the appeals upheld by the instant: those deductions are removed. */
  async upheld(m: EntityManager, at: Date, codes: string[]): Promise<Set<string>> {
    const rows: Array<{ rule_id: string; item_id: string }> = await m.query(
      `SELECT rule_id, item_id FROM assessment_appeal
        WHERE state = 'UPHELD' AND decided_at <= $1 AND region_code = ANY ($2::text[])`,
      [at.toISOString(), codes],
    );
    return new Set(rows.map((r) => `${r.rule_id}\u0000${r.item_id}`));
  }
}
