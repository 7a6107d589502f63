import { ConstructionPermitV1 } from '@hn/messages';

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

export interface PermitRow {
  permit_number: string;
  project_code: string;
  project_name: string;
  region_code: string;
  issue_date: string;
  start_date: string | null;
  planned_completion_date: string | null;
  five_party_acceptance_date: string | null;
  completion_filing_date: string | null;
  status: ConstructionPermitV1['status'];
  project_type: ConstructionPermitV1['projectType'];
  category: string;
  developer_name: string;
  developer_credit_code: string;
  /** only on rows of the sandbox space */
  sandbox?: boolean | null;
}

export function rowToPermit(r: PermitRow): ConstructionPermitV1 {
  return {
    permitNumber: r.permit_number,
    projectCode: r.project_code,
    projectName: r.project_name,
    regionCode: r.region_code,
    projectType: r.project_type,
    category: r.category,
    developerName: r.developer_name,
    developerCreditCode: r.developer_credit_code,
    issueDate: r.issue_date,
    startDate: r.start_date,
    plannedCompletionDate: r.planned_completion_date,
    fivePartyAcceptanceDate: r.five_party_acceptance_date,
    completionFilingDate: r.completion_filing_date,
    status: r.status,
    ...(r.sandbox === true ? { sandbox: true as const } : {}),
  };
}
