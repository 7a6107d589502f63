/** Messages owned by the permits service (施工许可). */

export type ProjectType = 'PRESALE' | 'CURRENT_SALE' | 'OTHER';
export const PROJECT_TYPES: readonly ProjectType[] = ['PRESALE', 'CURRENT_SALE', 'OTHER'];

export type PermitStatus = 'VALID' | 'REVOKED';

export interface BuildingUnitV1 {
  unitCode: string;
  name: string;
  floors: number;
  /** m², two decimals */
  floorArea: number;
}

export interface ConstructionPermitV1 {
  permitNumber: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  projectType: ProjectType | null;
  category: string;
  developerName: string;
  developerCreditCode: string;
  /** ISO dates (YYYY-MM-DD) */
  issueDate: string;
  startDate: string | null;
  plannedCompletionDate: string | null;
  fivePartyAcceptanceDate: string | null;
  completionFilingDate: string | null;
  status: PermitStatus;
  /** 联调测试: true on permits a sandbox credential pushed (seen by sandbox credentials only); absent on real permits */
  sandbox?: true;
}

export interface PermitUpsertV1 {
  projectCode: string;
  projectName: string;
  regionCode: string;
  projectType: ProjectType | null;
  category?: string;
  developerName: string;
  developerCreditCode: string;
  issueDate: string;
  startDate: string | null;
  plannedCompletionDate: string | null;
  fivePartyAcceptanceDate: string | null;
  completionFilingDate: string | null;
  units: BuildingUnitV1[];
}

export interface PermitSearchQueryV1 {
  projectName: string;
  page: number;
  pageSize: number;
}

export interface PageV1<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Exact up to 10,000; when more match, total is 10,000 and this is true. */
  total: number;
  totalIsLowerBound?: boolean;
}

export interface PermitUpsertResultV1 {
  permit: ConstructionPermitV1;
  /** "created" | "updated" | "unchanged" — a repeated identical PUT is "unchanged" and publishes nothing. */
  outcome: 'created' | 'updated' | 'unchanged';
}

export interface ELicenseV1 {
  fileName: string;
  contentType: 'application/pdf';
  /** base64 of the PDF bytes */
  contentBase64: string;
}

/** Request/reply subjects (core NATS, queue group per service). */
export const PermitsRpc = {
  getPermit: 'rpc.permits.permit.get.v1',
  searchPermits: 'rpc.permits.permit.search.v1',
  listUnits: 'rpc.permits.permit.units.v1',
  getELicense: 'rpc.permits.permit.e-license.v1',
  upsertPermit: 'rpc.permits.permit.upsert.v1',
  health: 'rpc.permits.health.v1',
} as const;

/** Event subjects (JetStream stream HN_PERMITS). Never renamed; new versions get new subjects. */
export const PermitsEvents = {
  stream: 'HN_PERMITS',
  streamSubjects: ['hn.permits.>'],
  permitRegistered: 'hn.permits.permit.registered.v1',
  permitUpdated: 'hn.permits.permit.updated.v1',
  projectTyped: 'hn.permits.project.typed.v1',
  acceptanceRecorded: 'hn.permits.acceptance.recorded.v1',
} as const;

/** data of hn.permits.permit.registered.v1 and hn.permits.permit.updated.v1 */
export interface PermitRegisteredV1 {
  permit: ConstructionPermitV1;
  units: BuildingUnitV1[];
}
export type PermitUpdatedV1 = PermitRegisteredV1;

/** data of hn.permits.project.typed.v1 */
export interface ProjectTypedV1 {
  projectCode: string;
  projectName: string;
  regionCode: string;
  previousType: ProjectType | null;
  projectType: ProjectType | null;
  permitNumbers: string[];
}

/** data of hn.permits.acceptance.recorded.v1 */
export interface AcceptanceRecordedV1 {
  permitNumber: string;
  projectCode: string;
  regionCode: string;
  fivePartyAcceptanceDate: string | null;
  completionFilingDate: string | null;
  /** APPROVAL (工改系统 ingest, the default when absent) or GOVERNANCE (数据治理补录, approved by the province) */
  source?: 'APPROVAL' | 'GOVERNANCE';
  /** GOVERNANCE: the acceptance backfill that carried the date */
  backfillId?: string;
}
