/**
 * Messages owned by the permits service (施工许可). The replies are classes: the permits service
 * returns them and the gateway's OpenAPI document is generated from their decorators.
 */
import { ApiProperty } from '@nestjs/swagger';

export type ProjectType = 'PRESALE' | 'CURRENT_SALE' | 'OTHER';
export const PROJECT_TYPES: readonly ProjectType[] = ['PRESALE', 'CURRENT_SALE', 'OTHER'];

export type PermitStatus = 'VALID' | 'REVOKED';
export const PERMIT_STATUSES: readonly PermitStatus[] = ['VALID', 'REVOKED'];

/** A building unit (单体) of a permit: the answer of rpc.permits.permit.units.v1. */
export class BuildingUnitV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345-DT022', description: '单体编码（施工图审查系统生成）' })
  unitCode!: string;
  @ApiProperty({ example: '22#栋', description: '单体名称' }) name!: string;
  @ApiProperty({ example: 33, description: '层数' }) floors!: number;
  /** m², two decimals */
  @ApiProperty({ example: 12345.67, description: '建筑面积（m²，两位小数）' }) floorArea!: number;
}

/** Response shape of a construction permit (施工许可证). */
export class ConstructionPermitV1 {
  @ApiProperty({ example: '430223202406200101' }) permitNumber!: string;
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: 'PRESALE', enum: PROJECT_TYPES, nullable: true }) projectType!: ProjectType | null;
  @ApiProperty({ example: '社会投资房建类' }) category!: string;
  @ApiProperty({ example: '攸县锦绣置业有限公司' }) developerName!: string;
  @ApiProperty({ example: '91430223MA4Q0ABC1F' }) developerCreditCode!: string;
  /** ISO dates (YYYY-MM-DD) */
  @ApiProperty({ example: '2024-06-20' }) issueDate!: string;
  @ApiProperty({ example: '2024-07-01', nullable: true, type: String }) startDate!: string | null;
  @ApiProperty({ example: '2026-12-31', nullable: true, type: String }) plannedCompletionDate!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) fivePartyAcceptanceDate!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) completionFilingDate!: string | null;
  @ApiProperty({ example: 'VALID', enum: PERMIT_STATUSES }) status!: PermitStatus;
  /** 联调测试: true on permits a sandbox credential pushed (seen by sandbox credentials only); absent on real permits */
  @ApiProperty({
    example: true,
    required: false,
    type: Boolean,
    description:
      '联调测试（沙箱）数据：沙箱凭据推送的施工许可，仅沙箱凭据可见；正式数据无此字段 (sandbox data, seen by sandbox credentials only)',
  })
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

/** The body of a read by construction permit number (the permit, its units, its e-license). */
export interface PermitNumberBodyV1 {
  permitNumber: string;
}

/** The body of a permit upsert over NATS: the path number and the pushed permit. */
export interface PermitUpsertRequestV1 {
  permitNumber: string;
  permit: PermitUpsertV1;
}

export interface PermitSearchQueryV1 {
  projectName: string;
  page: number;
  pageSize: number;
}

/** A page of a list; OpenAPI gets one concrete class per item type (ConstructionPermitPageV1, …). */
export interface PageV1<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Exact up to 10,000; when more match, total is 10,000 and this is true. */
  total: number;
  totalIsLowerBound?: boolean;
}

/** Answer of rpc.permits.permit.search.v1 (GET /api/v1/construction-permits). */
export class ConstructionPermitPageV1 implements PageV1<ConstructionPermitV1> {
  @ApiProperty({ type: () => [ConstructionPermitV1] }) items!: ConstructionPermitV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1, description: '精确计数，超过 10000 时为 10000 且 totalIsLowerBound=true' }) total!: number;
  @ApiProperty({ example: false, required: false }) totalIsLowerBound?: boolean;
}

export class PermitUpsertResultV1 {
  @ApiProperty({ type: () => ConstructionPermitV1 }) permit!: ConstructionPermitV1;
  /** "created" | "updated" | "unchanged" — a repeated identical PUT is "unchanged" and publishes nothing. */
  @ApiProperty({ example: 'created', enum: ['created', 'updated', 'unchanged'] }) outcome!:
    'created' | 'updated' | 'unchanged';
}

/** Answer of rpc.permits.permit.e-license.v1 (the gateway sends the PDF itself). */
export class ELicenseV1 {
  @ApiProperty({ example: '430223202406200101.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf', enum: ['application/pdf'] }) contentType!: 'application/pdf';
  /** base64 of the PDF bytes */
  @ApiProperty({ description: 'PDF 的 base64 (base64 of the PDF bytes)' }) contentBase64!: string;
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
