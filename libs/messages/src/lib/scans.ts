/**
 * Scanned documents (扫描件) uploaded by staff: certificate scans, commitment letters, written
 * correction reports. The gateway receives them as multipart parts, checks the type from the
 * content and the size, and stages the bytes in the JetStream object store (NATS messages are
 * limited to 1 MB); the owning service takes the staged bytes, checks them again and stores them in
 * its own database in the same transaction as the record that references them.
 */
import { ApiProperty } from '@nestjs/swagger';

export type ScanContentTypeV1 = 'application/pdf' | 'image/jpeg' | 'image/png';
export const SCAN_CONTENT_TYPES: readonly ScanContentTypeV1[] = ['application/pdf', 'image/jpeg', 'image/png'];

/** 20 MB: the largest scan accepted. */
export const SCAN_MAX_BYTES = 20 * 1024 * 1024;

/** JetStream object store bucket holding staged scans; entries expire after SCAN_STAGING_TTL_MS. */
export const SCAN_STAGING_BUCKET = 'hn_scan_staging';
export const SCAN_STAGING_TTL_MS = 60 * 60 * 1000;

/** A staged upload, passed in RPC bodies in place of the bytes. */
export interface ScanRefV1 {
  /** object name in SCAN_STAGING_BUCKET */
  stagingKey: string;
  /** 64 lowercase hex digits of the bytes */
  sha256: string;
  contentType: ScanContentTypeV1;
  size: number;
  /** as uploaded, for display only (1–200 characters) */
  fileName: string;
}

/** Shape check of a ScanRefV1 received over NATS (the staged bytes are checked again where the service takes them). */
export function isScanRef(value: unknown): value is ScanRefV1 {
  const v = value as Partial<ScanRefV1> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.stagingKey === 'string' &&
    /^[0-9a-f-]{36}$/.test(v.stagingKey) &&
    typeof v.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(v.sha256) &&
    (v.contentType === 'application/pdf' || v.contentType === 'image/jpeg' || v.contentType === 'image/png') &&
    Number.isInteger(v.size) &&
    (v.size as number) > 0 &&
    (v.size as number) <= SCAN_MAX_BYTES &&
    typeof v.fileName === 'string' &&
    v.fileName.length >= 1 &&
    v.fileName.length <= 200
  );
}

/** A scan kept by a service, as shown in responses (never the bytes). */
export class StoredScanV1 {
  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: '扫描件 SHA-256（十六进制）',
  })
  sha256!: string;

  @ApiProperty({ example: 'application/pdf', enum: SCAN_CONTENT_TYPES, description: '按内容判定的类型' })
  contentType!: ScanContentTypeV1;

  @ApiProperty({ example: 482_113, description: '字节数（≤ 20 MB）bytes' })
  size!: number;

  @ApiProperty({ example: '预售许可证扫描件.pdf', description: '上传时的文件名（仅供显示）file name as uploaded' })
  fileName!: string;

  @ApiProperty({ example: '2024-09-03T02:15:00.000Z', format: 'date-time', description: 'RFC 3339 UTC' })
  uploadedAt!: string;
}

/** 书面报告: what an ADMIN correction of a submitted (locked) record must carry. */
export interface CorrectionReportV1 {
  /** why (1–500 characters) */
  reason: string;
  /** the written report's document number, e.g. 湘建房函〔2024〕12号 (1–100 characters) */
  documentNumber: string;
  /** the report's scan */
  scan: ScanRefV1;
}

/** Which kind of supervision record a correction touched. */
export type CorrectedRecordTypeV1 = 'PROJECT_MARKING' | 'PRESALE_PERMIT' | 'ESCROW';

/**
 * data of hn.permits.project.corrected.v1, hn.presale.permit.corrected.v1 and
 * hn.escrow.record.corrected.v1: an audited ADMIN correction of a locked record.
 */
export interface RecordCorrectedV1 {
  recordType: CorrectedRecordTypeV1;
  /** project code, presale number or presale number (escrow) */
  recordKey: string;
  regionCode: string;
  reason: string;
  documentNumber: string;
  reportSha256: string;
  correctedBy: string;
  /** RFC 3339 UTC */
  correctedAt: string;
  before: unknown;
  after: unknown;
}

/** 撤回 / 提交 state of a staff-entered supervision record. */
export type SupervisionStateV1 = 'DRAFT' | 'SUBMITTED';
export const SUPERVISION_STATES: readonly SupervisionStateV1[] = ['DRAFT', 'SUBMITTED'];
