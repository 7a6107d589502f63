import { assertRegionAllowed, regionOf } from '@hn/auth';
import { Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { PresaleErrors } from './presale.exception';

export interface EligiblePermits {
  projectCode: string;
  regionCode: string;
}

/** What eligibility needs of a construction permit (a permit_replica row). */
export interface PermitFacts {
  permit_number: string;
  project_code: string;
  region_code: string;
  project_type: string | null;
  developer_name: string | null;
  developer_credit_code: string | null;
}

/**
 * Where the permits come from: the local replica (real issuance, no round trip), or for sandbox
 * (联调测试) credentials the permits service's sandbox view (SandboxPermitLookup). The replica's is
 * PermitReplicaRepository.source(manager), read in the caller's transaction.
 */
export interface PermitSource {
  permits(permitNumbers: string[]): Promise<PermitFacts[]>;
  unitCodes(permitNumbers: string[]): Promise<string[]>;
}

/**
 * Region scope of the request: every listed construction permit's number inside the caller's regions
 * (each service entry calls it once; checkEligibility then checks the replica's records).
 */
export function assertPermitNumbersAllowed(principal: Principal, permitNumbers: readonly string[], prefix = ''): void {
  permitNumbers.forEach((n, i) =>
    assertRegionAllowed(principal, regionOf(n), {
      what: `施工许可证 ${n}`,
      field: `${prefix}constructionPermitNumbers[${i}]`,
    }),
  );
}

/**
 * Checks the listed construction permits against the local replica: their records in the caller's regions, known,
 * typed PRESALE, of one project; every unit code belongs to one of them; the developer's credit code
 * is the permits' project developer (422 DEVELOPER_MISMATCH naming both; 503 while the replica does
 * not know it yet). `notPresale` names the error for a permit of another type (backfill answers
 * PROJECT_NOT_MARKED_PRESALE).
 */
export async function checkEligibility(
  source: PermitSource,
  principal: Principal,
  permitNumbers: string[],
  unitCodes: string[],
  developerCreditCode: string,
  notPresale: (permitNumber: string, type: string | null) => DomainException = PresaleErrors.notPresale,
): Promise<EligiblePermits> {
  const rows = await source.permits(permitNumbers);
  const byNumber = new Map(rows.map((r) => [r.permit_number, r]));
  for (const [i, n] of permitNumbers.entries()) {
    const row = byNumber.get(n);
    if (!row) throw PresaleErrors.permitNotFound(n);
    assertRegionAllowed(principal, row.region_code, {
      what: `施工许可证 ${n}`,
      field: `constructionPermitNumbers[${i}]`,
    });
    if (row.project_type !== 'PRESALE') throw notPresale(n, row.project_type);
  }
  const projects = [...new Set(rows.map((r) => r.project_code))];
  if (projects.length > 1) throw PresaleErrors.differentProjects(projects);
  const submitted = developerCreditCode.trim().toUpperCase();
  const unknown = permitNumbers.find((n) => !byNumber.get(n)!.developer_credit_code);
  if (unknown) throw PresaleErrors.developerUnknown(unknown);
  const mismatches = permitNumbers
    .map((n) => byNumber.get(n)!)
    .filter((r) => r.developer_credit_code!.trim().toUpperCase() !== submitted)
    .map((r) => ({
      permitNumber: r.permit_number,
      creditCode: r.developer_credit_code!.trim(),
      name: r.developer_name,
    }));
  if (mismatches.length > 0) throw PresaleErrors.developerMismatch(developerCreditCode.trim(), mismatches);
  const known = new Set(await source.unitCodes(permitNumbers));
  const foreign = unitCodes.filter((u) => !known.has(u));
  if (foreign.length > 0) throw PresaleErrors.unitsNotInPermits(foreign);
  const first = byNumber.get(permitNumbers[0]!)!;
  return { projectCode: first.project_code, regionCode: first.region_code };
}
