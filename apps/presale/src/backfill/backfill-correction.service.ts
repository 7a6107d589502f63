import { Inject, Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff, CORRECTOR, regionOf } from '@hn/auth';
import {
  PresaleBackfillEvents,
  PresaleCorrectionRequestV1,
  PresaleCorrectionResultV1,
  Principal,
  RecordCorrectedV1,
} from '@hn/messages';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { DataSource } from 'typeorm';
import { PRESALE_CONFIG, PresaleConfig } from '../config/presale.config';
import { assertLocalCertificateFree, localCertificateKeysOf } from '../issuance/local-certificate';
import { LocalCertificateRepository } from '../issuance/local-certificate.repository';
import { assertPermitNumbersAllowed, checkEligibility } from '../issuance/presale-eligibility';
import { buildPresaleRecord } from '../issuance/presale-record';
import { PresaleRecordWriter } from '../issuance/presale-record-writer';
import { PresaleErrors } from '../issuance/presale.exception';
import { PermitReplicaRepository } from '../permit-replica/permit-replica.repository';
import { ScanStore } from '../scans/scan-store';
import { TransparencyLogService } from '../transparency-log/transparency-log.service';
import { backfillOf } from './backfill-rows';
import { BackfillRepository } from './backfill.repository';
import { BackfillErrors } from './backfill.exception';

/**
 * 更正: an ADMIN (supervision:correct) corrects a SUBMITTED backfilled permit on a written report,
 * in ONE transaction: the replaced version kept in presale_permit_version, the record re-signed with
 * a new log index (CORRECTED entry superseding the previous one), the report scan stored and
 * hn.presale.permit.corrected.v1 enqueued. The number never changes; the old token now verifies
 * as CORRECTED, the new one as valid.
 */
@Injectable()
export class BackfillCorrectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: PresaleRecordWriter,
    private readonly log: TransparencyLogService,
    private readonly scans: ScanStore,
    @Inject(PRESALE_CONFIG) private readonly config: PresaleConfig,
    private readonly backfills: BackfillRepository,
    private readonly replica: PermitReplicaRepository,
    private readonly certificates: LocalCertificateRepository,
  ) {}

  async correct(principal: Principal, request: PresaleCorrectionRequestV1): Promise<PresaleCorrectionResultV1> {
    assertStaff(principal, CORRECTOR);
    // payload rules: PresaleCorrectionRequest (the Z number first, then the data part's fields and the report
    // scan, as the gateway reports the multipart `data` part), applied by @RpcHandler(Rpc.backfillCorrect)
    const { presaleNumber, submission, report } = request;
    const { reason, documentNumber } = report;
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    const firstPermit = presaleNumber.slice(0, 18);
    if (submission.constructionPermitNumbers[0] !== firstPermit)
      throw PresaleErrors.incomplete([
        {
          field: 'submission.constructionPermitNumbers[0]',
          reason: `首个施工许可证须仍为 ${firstPermit}，编号不变 (the first permit forms the number and cannot change)`,
        },
      ]);
    assertPermitNumbersAllowed(principal, submission.constructionPermitNumbers, 'submission.');
    if (submission.issueDate >= this.config.cutoverDate)
      throw BackfillErrors.afterCutover(submission.issueDate, this.config.cutoverDate);
    const bytes = await this.scans.take(report.scan, 'scan');

    return this.dataSource.transaction(async (manager): Promise<PresaleCorrectionResultV1> => {
      const [row] = await this.backfills.load(manager, [presaleNumber], true);
      if (!row) throw BackfillErrors.notFound(presaleNumber);
      assertRegionAllowed(principal, row.region_code, { what: `预售许可证 ${presaleNumber}`, field: 'presaleNumber' });
      if (row.status === 'WITHDRAWN' || row.state !== 'SUBMITTED') throw BackfillErrors.notSubmitted(presaleNumber);
      const eligible = await checkEligibility(
        this.replica.source(manager),
        principal,
        submission.constructionPermitNumbers,
        submission.unitCodes,
        submission.developer.creditCode,
        BackfillErrors.notMarkedPresale,
      );
      const keys = localCertificateKeysOf(submission);
      await assertLocalCertificateFree(this.certificates, manager, false, keys, submission, presaleNumber);
      const { id: reportScanId } = await this.scans.insert(manager, report.scan, bytes, principal.id);
      const correctedAt = new Date().toISOString();
      const before = { ...row.record, status: row.status };
      await this.backfills.insertVersion(manager, {
        presaleNumber,
        record: before,
        recordDigest: row.record_digest,
        chainToken: row.record.chainToken,
        logIndex: row.log_index,
        status: row.status,
        correctedBy: principal.id,
        correctedAt,
        reason,
        documentNumber,
        reportScanId,
      });
      const logIndex = await this.log.reserveIndex(manager, false);
      const record = buildPresaleRecord({
        presaleNumber,
        letter: 'Z',
        serial: row.record.serial,
        sandbox: false,
        projectCode: eligible.projectCode,
        regionCode: eligible.regionCode,
        logIndex,
        submission,
      });
      const { permit, digestHex } = this.writer.sign(record, 'CORRECTED', row.record.issuedAt);
      await this.log.append(manager, false, logIndex, {
        kind: 'CORRECTED',
        presaleNumber,
        issueDate: record.issueDate,
        recordDigest: digestHex,
        loggedAt: correctedAt,
        supersedesIndex: Number(row.log_index),
      });
      await this.backfills.updateCorrected(manager, {
        presaleNumber,
        record: permit,
        recordDigest: digestHex,
        chainToken: permit.chainToken,
        logIndex,
        regionCode: permit.regionCode,
        projectCode: permit.projectCode,
        authorityKey: keys.authorityKey,
        certificateKey: keys.certificateKey,
      });
      await this.writer.insertLinks(manager, permit);
      await enqueueEvent<RecordCorrectedV1>(manager, {
        source: '/hn/presale',
        type: PresaleBackfillEvents.permitCorrected,
        subject: presaleNumber,
        data: {
          recordType: 'PRESALE_PERMIT',
          recordKey: presaleNumber,
          regionCode: permit.regionCode,
          reason,
          documentNumber,
          reportSha256: report.scan.sha256,
          correctedBy: principal.id,
          correctedAt,
          before,
          after: permit,
        },
        correlationId: currentCorrelationId(),
      });
      return {
        presaleNumber,
        chainToken: permit.chainToken,
        verifyUrl: permit.verifyUrl,
        log: { index: logIndex, treeSize: logIndex + 1 },
        backfill: backfillOf({
          ...row,
          record: permit,
          status: 'CORRECTED',
          region_code: permit.regionCode,
          log_index: String(logIndex),
          record_digest: digestHex,
        }),
      };
    });
  }
}
