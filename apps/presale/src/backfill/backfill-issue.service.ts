import { Inject, Injectable } from '@nestjs/common';
import { assertStaff, StaffScopes } from '@hn/auth';
import { BackfillIssuedV1, BackfillIssueRequestV1, Principal } from '@hn/messages';
import { DataSource } from 'typeorm';
import { PRESALE_CONFIG, PresaleConfig } from '../config/presale.config';
import { duplicateFromViolation } from '../issuance/local-certificate';
import { LocalCertificateRepository } from '../issuance/local-certificate.repository';
import { presaleIdempotency } from '../issuance/presale-idempotency';
import { assertPermitNumbersAllowed, checkEligibility } from '../issuance/presale-eligibility';
import { PresaleRecordWriter, requestHashOf } from '../issuance/presale-record-writer';
import { PresaleIssuanceMetrics } from '../issuance/presale-issuance.metrics';
import { QrCodeRenderer } from '../print';
import { PermitReplicaRepository } from '../permit-replica/permit-replica.repository';
import { ScanStore } from '../scans/scan-store';
import { BackfillRepository } from './backfill.repository';
import { BackfillErrors } from './backfill.exception';

const LETTER = 'Z';

type StoredBackfill = Omit<BackfillIssuedV1, 'qrSvg'>;

/**
 * 补录预售许可证: a stock presale permit issued before the cut-over gets a Z number, in ONE
 * transaction like Y issuance (serial per (first permit, Z), log index, record, chain token, ISSUED
 * log entry) plus the certificate scan and the DRAFT backfill row. No event until it is submitted.
 */
@Injectable()
export class BackfillIssueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: PresaleRecordWriter,
    private readonly scans: ScanStore,
    private readonly qr: QrCodeRenderer,
    @Inject(PRESALE_CONFIG) private readonly config: PresaleConfig,
    private readonly metrics: PresaleIssuanceMetrics,
    private readonly backfills: BackfillRepository,
    private readonly replica: PermitReplicaRepository,
    private readonly certificates: LocalCertificateRepository,
  ) {}

  async issue(principal: Principal, request: BackfillIssueRequestV1): Promise<BackfillIssuedV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionWrite });
    // payload rules: BackfillIssueRequest (the optional key, then the submission by PresaleSubmission, trimmed),
    // applied by @RpcHandler(Rpc.backfillIssue) as the gateway applies them; the cut-over (configuration) here
    const { submission, idempotencyKey: key } = request;
    if (submission.issueDate >= this.config.cutoverDate)
      throw BackfillErrors.afterCutover(submission.issueDate, this.config.cutoverDate);
    assertPermitNumbersAllowed(principal, submission.constructionPermitNumbers);
    // Read (and check again) the staged scan before the counter row is locked.
    const bytes = await this.scans.take(request.scan, 'scan');
    const clientId = `staff:${principal.id}`;
    // the validated submission: what the gateway sends (validating it again changes nothing)
    const requestHash = requestHashOf({ submission, scanSha256: request.scan.sha256 });
    let issued = false;
    const stored = await this.dataSource
      .transaction(async (manager): Promise<StoredBackfill> => {
        if (key !== undefined) {
          const replay = await presaleIdempotency.claim<StoredBackfill>(manager, clientId, key, requestHash);
          if (replay) return replay;
        }
        issued = true;
        const eligible = await checkEligibility(
          this.replica.source(manager),
          principal,
          submission.constructionPermitNumbers,
          submission.unitCodes,
          submission.developer.creditCode,
          BackfillErrors.notMarkedPresale,
        );
        const { permit } = await this.writer.issue(manager, principal, LETTER, submission, eligible, false);
        const { id: scanId, scan } = await this.scans.insert(manager, request.scan, bytes, principal.id);
        await this.backfills.insertDraft(manager, permit.presaleNumber, principal.id, scanId);
        const response: StoredBackfill = {
          presaleNumber: permit.presaleNumber,
          chainToken: permit.chainToken,
          verifyUrl: permit.verifyUrl,
          log: { index: permit.logIndex, treeSize: permit.logIndex + 1 },
          backfill: { permit, status: 'VALID', backfillState: 'DRAFT', backfilledBy: principal.id, scan },
        };
        if (key !== undefined) await presaleIdempotency.store(manager, clientId, key, requestHash, response);
        return response;
      })
      .catch((err: unknown) =>
        duplicateFromViolation(this.certificates, err, this.dataSource.manager, false, submission),
      );
    if (issued) this.metrics.numberIssued(LETTER, false);
    return { ...stored, qrSvg: await this.qr.svg(stored.verifyUrl) };
  }
}
