import { Injectable } from '@nestjs/common';
import {
  EscrowCorrectionRequestV1,
  EscrowCorrectionResultV1,
  EscrowEvents,
  escrowInputOf,
  Principal,
  RecordCorrectedV1,
} from '@hn/messages';
import { assertStaff, CORRECTOR } from '@hn/auth';
import { ScanStaging } from '@hn/documents';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { EscrowErrors } from './escrow.exception';
import { EscrowRepository, PresaleRow } from './escrow.repository';
import { RecordRow, rowToRecord } from './escrow-row';
import { checkAgainstPresale, numberInScope, presaleInScope } from './escrow-record.checks';

const SOURCE = '/hn/escrow';

/**
 * 更正 (ADMIN, 书面报告): a new version of a SUBMITTED record, still locked; the report scan kept
 * with it and hn.escrow.record.corrected.v1 in the outbox of the same transaction.
 */
@Injectable()
export class EscrowCorrectionService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EscrowRepository,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async correct(principal: Principal, body: EscrowCorrectionRequestV1): Promise<EscrowCorrectionResultV1> {
    assertStaff(principal, CORRECTOR);
    // body: EscrowCorrectionRequest (record and report), validated by @RpcHandler(Rpc.escrowCorrect)
    const presaleNumber = numberInScope(principal, body.presaleNumber);
    const value = escrowInputOf(body.record);
    const report = body.report;
    const check = async (m: EntityManager): Promise<{ presale: PresaleRow; current: RecordRow }> => {
      const presale = presaleInScope(principal, presaleNumber, await this.repository.findPresale(m, presaleNumber));
      checkAgainstPresale(value, presale, 'record.');
      const current = await this.repository.findRecord(m, presaleNumber);
      if (!current) throw EscrowErrors.notFound([presaleNumber]);
      if (current.state !== 'SUBMITTED') throw EscrowErrors.notSubmitted(presaleNumber);
      return { presale, current };
    };
    await check(this.dataSource.manager);
    const bytes = await this.staging.take(report.scan, 'scan');
    return this.dataSource.transaction(async (m) => {
      await this.repository.lock(m, [presaleNumber]);
      const { presale, current } = await check(m);
      const before = rowToRecord(current);
      const reportScanId = await this.repository.insertScan(
        m,
        presaleNumber,
        'CORRECTION_REPORT',
        report.scan,
        bytes,
        principal.id,
      );
      const scanId = value.commitmentLetter ? current.commitment_letter_scan_id : null;
      await this.repository.writeVersion(m, presaleNumber, presale.region_code, {
        input: value,
        commitmentLetterScanId: scanId,
        enteredBy: principal.id,
        correction: { reason: report.reason.trim(), documentNumber: report.documentNumber.trim(), reportScanId },
      });
      const after = rowToRecord((await this.repository.findRecord(m, presaleNumber))!);
      await enqueueEvent<RecordCorrectedV1>(m, {
        source: SOURCE,
        type: EscrowEvents.recordCorrected,
        subject: presaleNumber,
        data: {
          recordType: 'ESCROW',
          recordKey: presaleNumber,
          regionCode: after.regionCode,
          reason: report.reason.trim(),
          documentNumber: report.documentNumber.trim(),
          reportSha256: report.scan.sha256,
          correctedBy: principal.id,
          correctedAt: after.updatedAt,
          before,
          after,
        },
        correlationId: currentCorrelationId(),
      });
      return { record: after, previousVersion: before.version };
    });
  }
}
