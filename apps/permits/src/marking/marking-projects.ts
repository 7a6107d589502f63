import { MarkedProjectV1, Principal, ProjectType, SupervisionStateV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { assertRegionsAllowed } from '@hn/auth';
import { MarkingErrors } from './marking.exception';
import type { MarkingRepository } from './marking.repository';

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
export async function projectsOfPermits(
  repo: MarkingRepository,
  m: EntityManager,
  principal: Principal,
  numbers: string[],
): Promise<string[]> {
  const rows = await repo.permitsWithProjects(m, numbers);
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

/** Reads the projects with their marking (call after lockProjects) and re-checks their regions. */
export async function loadProjects(
  repo: MarkingRepository,
  m: EntityManager,
  principal: Principal,
  codes: string[],
): Promise<MarkingProjectRow[]> {
  const rows = await repo.loadProjects(m, codes);
  assertRegionsAllowed(
    principal,
    'projectCode',
    rows.map((r) => ({ key: r.project_code, regionCode: r.region_code })),
  );
  return rows;
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
  repo: MarkingRepository,
  m: EntityManager,
  principal: Principal,
  numbers: string[],
): Promise<{ codes: string[]; projects: MarkingProjectRow[] }> {
  const codes = await projectsOfPermits(repo, m, principal, numbers);
  await repo.lockProjects(m, codes);
  const projects = await loadProjects(repo, m, principal, codes);
  const locked = projects.filter((p) => p.state === 'SUBMITTED').map((p) => p.project_code);
  if (locked.length > 0) throw MarkingErrors.locked(locked);
  return { codes, projects };
}
