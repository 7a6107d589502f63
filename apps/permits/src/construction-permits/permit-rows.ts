import { ConstructionPermitV1 } from '@hn/messages';

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
