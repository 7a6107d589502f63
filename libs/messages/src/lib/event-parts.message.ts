import { SCAN_CONTENT_TYPES, ScanContentTypeV1, StoredScanV1 } from './scans';
import {
  EventInteger,
  EventOneOf,
  EventRegionCode,
  EventSha256,
  EventText,
  EventTimestamp,
} from './validation/event-constraints';

/** Parts shared by the event payload classes of several services (*-events.message.ts). */

/** A scan as a service keeps it (never the bytes): unpermitted projects, commitment letters, alert evidence. */
export class EventStoredScan implements StoredScanV1 {
  @EventSha256({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @EventOneOf(SCAN_CONTENT_TYPES, { example: 'application/pdf' })
  contentType!: ScanContentTypeV1;

  @EventInteger({ example: 183_204, minimum: 1, description: 'bytes' })
  size!: number;

  @EventText({ example: '预售许可证扫描件.pdf' })
  fileName!: string;

  @EventTimestamp({ example: '2026-11-02T01:00:00.000Z' })
  uploadedAt!: string;
}

/**
 * The audit part of RecordCorrectedV1 (an ADMIN correction of a locked record), common to
 * hn.permits.project.corrected.v1, hn.presale.permit.corrected.v1 and hn.escrow.record.corrected.v1;
 * each event's class adds recordType, before and after.
 */
export abstract class RecordCorrectedEventBase {
  @EventText({ example: '430223201906200101-Z01', nonEmpty: true, description: 'project code or presale number' })
  recordKey!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventText({ example: '录入时楼栋名称有误', nonEmpty: true })
  reason!: string;

  @EventText({ example: '湘建房函〔2024〕12号', nonEmpty: true })
  documentNumber!: string;

  @EventSha256()
  reportSha256!: string;

  @EventText({ example: 'admin.li', nonEmpty: true })
  correctedBy!: string;

  @EventTimestamp({ example: '2026-11-02T01:00:00.000Z' })
  correctedAt!: string;
}
