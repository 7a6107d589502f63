import { RegionScope } from './region-scope';

/** The real tables, or the 联调测试 sandbox space (same columns, see migration 1766300000000). */
export type PermitSpace = 'real' | 'sandbox';

const TABLES: Record<PermitSpace, { permit: string; project: string }> = {
  real: { permit: 'construction_permit', project: 'project' },
  sandbox: { permit: 'sandbox_construction_permit', project: 'sandbox_project' },
};

/** One permit joined with its project, as alias p (permit) and j (project). */
export function selectPermit(space: PermitSpace): string {
  const t = TABLES[space];
  return `SELECT p.permit_number, p.project_code, p.project_name, p.region_code, p.issue_date, p.start_date,
       p.planned_completion_date, p.five_party_acceptance_date, p.completion_filing_date, p.status,
       j.project_type, j.category, j.developer_name, j.developer_credit_code${space === 'sandbox' ? ', true AS sandbox' : ''}
  FROM ${t.permit} p JOIN ${t.project} j ON j.project_code = p.project_code`;
}

/** A permit search by project name inside the caller's region scope (validated by the service). */
export interface PermitSearch {
  /** trimmed project-name term, 2–100 characters */
  name: string;
  scope: RegionScope;
  page: number;
  pageSize: number;
  countCap: number;
}

/**
 * The WHERE of a permit search on the real tables (alias p): ILIKE on the name (trigram index),
 * plus the bigram array for 2-character terms, plus the region scope.
 */
export function permitSearchWhere(s: Pick<PermitSearch, 'name' | 'scope'>): { where: string; params: unknown[] } {
  const params: unknown[] = [`%${escapeLike(s.name)}%`];
  let where = `p.project_name ILIKE $1`;
  if ([...s.name].length === 2) {
    params.push(s.name.toLowerCase());
    where += ` AND p.name_grams @> ARRAY[$${params.length}::text]`;
  }
  if (!s.scope.all) {
    params.push(s.scope.counties, s.scope.cityPrefixes);
    where += ` AND (p.region_code = ANY($${params.length - 1}::text[]) OR substr(p.region_code, 1, 4) = ANY($${params.length}::text[]))`;
  }
  return { where, params };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
