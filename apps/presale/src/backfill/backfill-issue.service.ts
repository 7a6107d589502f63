import { Inject, Injectable } from '@nestjs/common';
import { assertStaff, StaffScopes } from '@hn/auth';
import {
  BackfillIssuedV1,
  BackfillIssueRequestV1,
  IDEMPOTENCY_KEY_FIELD_ERROR,
  isIdempotencyKey,
  PresaleSubmission,
  Principal,
  validateMessage,
} from '@hn/messages';
import { DataSource } from 'typeorm';
import { PRESALE_CONFIG, PresaleConfig } from '../config/presale.config';
import { claimIdempotencyKey, storeIdempotentResponse } from '../issuance/idempotency';
import { duplicateFromViolation } from '../issuance/local-certificate';
import { assertPermitNumbersAllowed, checkEligibility } from '../issuance/presale-eligibility';
import { PresaleRecordWriter, requestHashOf } from '../issuance/presale-record-writer';
import { PresaleErrors } from '../issuance/presale.exception';
import { PresaleIssuanceMetrics } from '../issuance/presale-issuance.metrics';
import { QrCodeRenderer } from '../print';
import { ScanStore } from '../scans/scan-store';
import { BackfillErrors } from './backfill.errors';

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
  ) {}

  async issue(principal: Principal, request: BackfillIssueRequestV1): Promise<BackfillIssuedV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionWrite });
    // payload rules: the message class of @hn/messages, as the gateway applies it (trimmed like there)
    const checked = await validateMessage(PresaleSubmission, request?.submission);
    if (!checked.ok) throw PresaleErrors.incomplete(checked.errors);
    const submission = checked.value;
    if (submission.issueDate >= this.config.cutoverDate)
      throw BackfillErrors.afterCutover(submission.issueDate, this.config.cutoverDate);
    const key = request.idempotencyKey;
    if (key !== undefined && !isIdempotencyKey(key)) {
      throw PresaleErrors.incomplete([IDEMPOTENCY_KEY_FIELD_ERROR]);
    }
    assertPermitNumbersAllowed(principal, submission.constructionPermitNumbers);
    // Read (and check again) the staged scan before the counter row is locked.
    const bytes = await this.scans.take(request.scan, 'scan');
    const clientId = `staff:${principal.id}`;
    // the submission as received (the gateway sends it trimmed), as hashed before the message class was applied here
    const requestHash = requestHashOf({ submission: request.submission, scanSha256: request.scan.sha256 });
    let issued = false;
    const stored = await this.dataSource
      .transaction(async (manager): Promise<StoredBackfill> => {
        if (key !== undefined) {
          const replay = await claimIdempotencyKey<StoredBackfill>(manager, clientId, key, requestHash);
          if (replay) return replay;
        }
        issued = true;
        const eligible = await checkEligibility(
          manager,
          principal,
          submission.constructionPermitNumbers,
          submission.unitCodes,
          submission.developer.creditCode,
          BackfillErrors.notMarkedPresale,
        );
        const { permit } = await this.writer.issue(manager, principal, LETTER, submission, eligible, false);
        const { id: scanId, scan } = await this.scans.insert(manager, request.scan, bytes, principal.id);
        await manager.query(
          `INSERT INTO presale_backfill (sandbox, presale_number, state, backfilled_by, scan_id) VALUES (false, $1, 'DRAFT', $2, $3)`,
          [permit.presaleNumber, principal.id, scanId],
        );
        const response: StoredBackfill = {
          presaleNumber: permit.presaleNumber,
          chainToken: permit.chainToken,
          verifyUrl: permit.verifyUrl,
          log: { index: permit.logIndex, treeSize: permit.logIndex + 1 },
          backfill: { permit, status: 'VALID', backfillState: 'DRAFT', backfilledBy: principal.id, scan },
        };
        if (key !== undefined) await storeIdempotentResponse(manager, clientId, key, requestHash, response);
        return response;
      })
      .catch((err: unknown) => duplicateFromViolation(err, this.dataSource.manager, false, submission));
    if (issued) this.metrics.numberIssued(LETTER, false);
    return { ...stored, qrSvg: await this.qr.svg(stored.verifyUrl) };
  }
}
