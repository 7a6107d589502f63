import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DifferenceFacts } from '../rules/reconciliation-difference.rule';
import { EscrowFacts } from '../rules/escrow-not-supervised.rule';
import { OverdueAcceptanceFacts } from '../rules/overdue-acceptance.rule';
import { UnpermittedFacts } from '../rules/presale-without-permit.rule';

const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/** Reads what the rules need from the read models, for a batch of subjects at once. */
@Injectable()
export class AlertFactsRepository {
  async permitFacts(m: EntityManager, permitNumbers: string[]): Promise<Map<string, OverdueAcceptanceFacts>> {
    if (permitNumbers.length === 0) return new Map();
    const rows: Array<{
      permit_number: string;
      project_code: string;
      project_name: string;
      region_code: string;
      status: string;
      planned: string | null;
      first_seen_at: Date;
      five_party: string | null;
      completion: string | null;
      project_type: string | null;
      typed_at_registration: boolean | null;
      presale_since: Date | null;
      has_project: boolean;
      has_y: boolean;
      has_z: boolean;
    }> = await m.query(
      `SELECT p.permit_number, p.project_code, p.project_name, p.region_code, p.status,
              p.planned_completion_date::text AS planned, p.first_seen_at,
              COALESCE(p.five_party_acceptance_date, a.five_party_acceptance_date)::text AS five_party,
              COALESCE(p.completion_filing_date, a.completion_filing_date)::text AS completion,
              pr.project_type, pr.typed_at_registration, pr.presale_since, pr.project_code IS NOT NULL AS has_project,
              EXISTS (SELECT 1 FROM rm_presale s WHERE s.letter = 'Y' AND s.status = 'VALID'
                        AND (s.project_code = p.project_code OR p.permit_number = ANY (s.permit_numbers))) AS has_y,
              EXISTS (SELECT 1 FROM rm_presale s WHERE s.letter = 'Z' AND s.status = 'VALID'
                        AND (s.project_code = p.project_code OR p.permit_number = ANY (s.permit_numbers))) AS has_z
         FROM rm_permit p
         LEFT JOIN rm_acceptance a ON a.permit_number = p.permit_number
         LEFT JOIN rm_project pr ON pr.project_code = p.project_code
        WHERE p.permit_number = ANY ($1::text[])`,
      [permitNumbers],
    );
    return new Map(
      rows.map((r) => [
        r.permit_number,
        {
          permit: {
            permitNumber: r.permit_number,
            projectCode: r.project_code,
            projectName: r.project_name,
            regionCode: r.region_code,
            status: r.status,
            plannedCompletionDate: iso(r.planned),
            firstSeenAt: r.first_seen_at,
            fivePartyAcceptanceDate: iso(r.five_party),
            completionFilingDate: iso(r.completion),
          },
          project: r.has_project
            ? {
                projectType: r.project_type,
                typedAtRegistration: r.typed_at_registration === true,
                presaleSince: r.presale_since,
              }
            : null,
          presaleLetters: { y: r.has_y, z: r.has_z },
        },
      ]),
    );
  }

  async escrowFacts(m: EntityManager, presaleNumbers: string[]): Promise<Map<string, EscrowFacts>> {
    if (presaleNumbers.length === 0) return new Map();
    const rows: Array<{
      presale_number: string;
      letter: 'Y' | 'Z';
      project_code: string;
      project_name: string;
      region_code: string;
      permit_numbers: string[];
      status: string;
      backfill_submitted_at: Date | null;
      fund_supervision: boolean | null;
      escrow_state: string | null;
      escrow_at: Date | null;
    }> = await m.query(
      `SELECT s.presale_number, s.letter, s.project_code, s.project_name, s.region_code, s.permit_numbers, s.status,
              s.backfill_submitted_at, e.fund_supervision, e.state AS escrow_state, e.version_at AS escrow_at
         FROM rm_presale s LEFT JOIN rm_escrow e ON e.presale_number = s.presale_number
        WHERE s.presale_number = ANY ($1::text[])`,
      [presaleNumbers],
    );
    return new Map(
      rows.map((r) => [
        r.presale_number,
        {
          presale: {
            presaleNumber: r.presale_number,
            letter: r.letter,
            projectCode: r.project_code,
            projectName: r.project_name,
            regionCode: r.region_code,
            permitNumbers: r.permit_numbers,
            status: r.status,
            backfillSubmittedAt: r.backfill_submitted_at,
          },
          escrow:
            r.fund_supervision === null
              ? null
              : { fundSupervision: r.fund_supervision, state: r.escrow_state ?? '', versionAt: r.escrow_at! },
        },
      ]),
    );
  }

  async differenceFacts(m: EntityManager, ids: string[]): Promise<Map<string, DifferenceFacts>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{
      id: string;
      presale_number: string;
      region_code: string;
      month: string;
      state: DifferenceFacts['state'];
      count_delta: number;
      area_delta: string;
      amount_delta_fen: string;
      found_at: Date;
      project_name: string | null;
      project_code: string | null;
    }> = await m.query(
      `SELECT d.id, d.presale_number, d.region_code, d.month, d.state, d.count_delta, d.area_delta::text AS area_delta,
              d.amount_delta_fen::text AS amount_delta_fen, d.found_at, s.project_name, s.project_code
         FROM rm_difference d LEFT JOIN rm_presale s ON s.presale_number = d.presale_number
        WHERE d.id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          presaleNumber: r.presale_number,
          regionCode: r.region_code,
          month: r.month,
          state: r.state,
          countDelta: r.count_delta,
          areaDelta: Number(r.area_delta),
          amountDeltaFen: Number(r.amount_delta_fen),
          foundAt: r.found_at,
          projectName: r.project_name ?? '',
          projectCode: r.project_code,
        },
      ]),
    );
  }

  async unpermittedFacts(m: EntityManager, ids: string[]): Promise<Map<string, UnpermittedFacts>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{
      id: string;
      project_name: string;
      region_code: string;
      developer_name: string;
      local_certificate_number: string;
      registered_at: Date;
      linked: string | null;
    }> = await m.query(
      `SELECT u.id, u.project_name, u.region_code, u.developer_name, u.local_certificate_number, u.registered_at,
              l.permit_number AS linked
         FROM rm_unpermitted u LEFT JOIN unpermitted_link l ON l.unpermitted_id = u.id
        WHERE u.id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          projectName: r.project_name,
          regionCode: r.region_code,
          developerName: r.developer_name,
          localCertificateNumber: r.local_certificate_number,
          registeredAt: r.registered_at,
          linkedPermitNumber: r.linked,
        },
      ]),
    );
  }

  /** Subjects whose state depends on the date: PRESALE permits past planned completion, and all Z permits. */
  async dateDependentSubjects(m: EntityManager, today: string): Promise<{ permits: string[]; presales: string[] }> {
    const permits: Array<{ n: string }> = await m.query(
      `SELECT p.permit_number AS n FROM rm_permit p JOIN rm_project pr ON pr.project_code = p.project_code
        WHERE pr.project_type = 'PRESALE' AND p.planned_completion_date < $1::date
          AND p.five_party_acceptance_date IS NULL AND p.completion_filing_date IS NULL`,
      [today],
    );
    const presales: Array<{ n: string }> = await m.query(
      `SELECT presale_number AS n FROM rm_presale WHERE letter = 'Z' AND backfill_submitted_at IS NOT NULL`,
    );
    return { permits: permits.map((r) => r.n), presales: presales.map((r) => r.n) };
  }

  /** A permit on record (for a link or a governance backfill), or null. */
  async permit(
    m: EntityManager,
    permitNumber: string,
  ): Promise<{
    projectCode: string;
    projectName: string;
    regionCode: string;
    fivePartyAcceptanceDate: string | null;
    completionFilingDate: string | null;
  } | null> {
    const rows: Array<{
      project_code: string;
      project_name: string;
      region_code: string;
      five_party: string | null;
      completion: string | null;
    }> = await m.query(
      `SELECT p.project_code, p.project_name, p.region_code,
              COALESCE(p.five_party_acceptance_date, a.five_party_acceptance_date)::text AS five_party,
              COALESCE(p.completion_filing_date, a.completion_filing_date)::text AS completion
         FROM rm_permit p LEFT JOIN rm_acceptance a ON a.permit_number = p.permit_number
        WHERE p.permit_number = $1`,
      [permitNumber],
    );
    const r = rows[0];
    return r
      ? {
          projectCode: r.project_code,
          projectName: r.project_name,
          regionCode: r.region_code,
          fivePartyAcceptanceDate: r.five_party,
          completionFilingDate: r.completion,
        }
      : null;
  }

  async linkUnpermitted(m: EntityManager, unpermittedId: string, permitNumber: string, by: string): Promise<void> {
    await m.query(
      `INSERT INTO unpermitted_link (unpermitted_id, permit_number, linked_by) VALUES ($1, $2, $3)
       ON CONFLICT (unpermitted_id) DO NOTHING`,
      [unpermittedId, permitNumber, by],
    );
  }
}
