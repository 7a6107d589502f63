import { MarkedProjectV1, Principal, ProjectType, SupervisionStateV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { assertRegionsAllowed } from '@hn/auth';
import { MarkingErrors } from './marking.errors';

/** A project with its marking, as read (after locking) inside a marking transaction. */
export interface MarkingProjectRow {
  project_code: string;
  name: string;
  region_code: string;
  /** the submitted (official) type, what permit lookups and events show */
  project_type: ProjectType | null;
  state: SupervisionStateV1 | null;
  marked_type: ProjectType | null;
  marked_by: string | null;
  step_id: string | null;
}

/** What the caller sees as the project's type: a DRAFT marking's type, else the official one. */
export function effectiveType(
  row: Pick<MarkingProjectRow, 'state' | 'marked_type' | 'project_type'>,
): ProjectType | null {
  return row.state === 'DRAFT' ? row.marked_type : row.project_type;
}

/**
 * The permits' projects, sorted (one query): every number must exist (404 listing the missing ones)
 * and lie in the caller's regions by its stored region (403 listing them).
 */
export async function projectsOfPermits(m: EntityManager, principal: Principal, numbers: string[]): Promise<string[]> {
  const rows: Array<{ permit_number: string; project_code: string; region_code: string }> = await m.query(
    `SELECT permit_number, project_code, region_code FROM construction_permit WHERE permit_number = ANY($1::text[])`,
    [numbers],
  );
  if (rows.length < numbers.length) {
    const found = new Set(rows.map((r) => r.permit_number));
    throw MarkingErrors.permitsNotFound(numbers.filter((n) => !found.has(n)));
  }
  assertRegionsAllowed(
    principal,
    'permitNumbers',
    rows.map((r) => ({ key: r.permit_number, regionCode: r.region_code })),
  );
  return [...new Set(rows.map((r) => r.project_code))].sort();
}

/**
 * Transaction-scoped advisory locks on the projects, in sorted order (concurrent batches cannot
 * deadlock). Same key as the approval-system ingest ('project:' || code), so a marking and an
 * ingest of the same project serialise too.
 */
export async function lockProjects(m: EntityManager, sortedCodes: string[]): Promise<void> {
  await m.query(`SELECT count(pg_advisory_xact_lock(hashtext('project:' || c))) FROM unnest($1::text[]) AS c`, [
    sortedCodes,
  ]);
}

/** Reads the projects with their marking (call after lockProjects) and re-checks their regions. */
export async function loadProjects(
  m: EntityManager,
  principal: Principal,
  codes: string[],
): Promise<MarkingProjectRow[]> {
  const rows: MarkingProjectRow[] = await m.query(
    `SELECT p.project_code, p.name, p.region_code, p.project_type, pm.state, pm.marked_type, pm.marked_by, pm.step_id
       FROM project p LEFT JOIN project_marking pm ON pm.project_code = p.project_code
      WHERE p.project_code = ANY($1::text[]) ORDER BY p.project_code`,
    [codes],
  );
  assertRegionsAllowed(
    principal,
    'projectCode',
    rows.map((r) => ({ key: r.project_code, regionCode: r.region_code })),
  );
  return rows;
}

/** Every permit of each project (a marking types the project, so all its permits). */
export async function permitsOfProjects(m: EntityManager, codes: string[]): Promise<Map<string, string[]>> {
  const rows: Array<{ project_code: string; numbers: string[] }> = await m.query(
    `SELECT project_code, array_agg(permit_number::text ORDER BY permit_number) AS numbers FROM construction_permit WHERE project_code = ANY($1::text[]) GROUP BY project_code`,
    [codes],
  );
  return new Map(rows.map((r) => [r.project_code, r.numbers]));
}

export function toMarkedProject(
  row: MarkingProjectRow,
  previousType: ProjectType | null,
  projectType: ProjectType,
  state: SupervisionStateV1,
  permits: Map<string, string[]>,
): MarkedProjectV1 {
  return {
    projectCode: row.project_code,
    projectName: row.name,
    regionCode: row.region_code,
    previousType,
    projectType,
    markingState: state,
    permitNumbers: permits.get(row.project_code) ?? [],
  };
}

/**
 * The common start of a batch or submit: the permits' projects (404 / 403 listing the offending
 * numbers), locked, read with their marking and re-checked; 409 RECORD_LOCKED listing every
 * project whose marking is already submitted.
 */
export async function lockUnsubmittedProjects(
  m: EntityManager,
  principal: Principal,
  numbers: string[],
): Promise<{ codes: string[]; projects: MarkingProjectRow[] }> {
  const codes = await projectsOfPermits(m, principal, numbers);
  await lockProjects(m, codes);
  const projects = await loadProjects(m, principal, codes);
  const locked = projects.filter((p) => p.state === 'SUBMITTED').map((p) => p.project_code);
  if (locked.length > 0) throw MarkingErrors.locked(locked);
  return { codes, projects };
}
