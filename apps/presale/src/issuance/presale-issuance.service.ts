import { Inject, Injectable } from '@nestjs/common';
import { PresaleEvents, PresaleIssuedV1, PresaleIssueRequestV1, PresalePermitIssuedV1, Principal } from '@hn/messages';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { DataSource } from 'typeorm';
import { PRESALE_CONFIG, PresaleConfig } from '../config/presale.config';
import { PresaleIssuanceMetrics } from './presale-issuance.metrics';
import { PermitReplicaRepository } from '../permit-replica/permit-replica.repository';
import { SandboxPermitLookup } from '../permit-replica/sandbox-permit-lookup';
import { QrCodeRenderer } from '../print';
import { duplicateFromViolation } from './local-certificate';
import { LocalCertificateRepository } from './local-certificate.repository';
import { presaleIdempotency } from './presale-idempotency';
import { assertPermitNumbersAllowed, checkEligibility } from './presale-eligibility';
import { PresaleRecordWriter, requestHashOf } from './presale-record-writer';
import { PresaleErrors } from './presale.exception';

const LETTER = 'Y';

/** The issuance response as kept with the idempotency key (the QR SVG is rendered on the way out). */
type StoredIssuance = Omit<PresaleIssuedV1, 'qrSvg'>;

/**
 * 取号: issues a unified presale number (Y) in ONE transaction: idempotency key, eligibility on the
 * local permit replica, gap-free serial from the counter row, log index, record, chain token, log
 * entry, outbox event and the stored response all commit together or not at all, so a rejected or
 * failed request consumes no serial.
 */
@Injectable()
export class PresaleIssuanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: PresaleRecordWriter,
    private readonly qr: QrCodeRenderer,
    private readonly sandboxPermits: SandboxPermitLookup,
    private readonly replica: PermitReplicaRepository,
    private readonly certificates: LocalCertificateRepository,
    @Inject(PRESALE_CONFIG) private readonly config: PresaleConfig,
    private readonly metrics: PresaleIssuanceMetrics,
  ) {}

  async issue(principal: Principal, request: PresaleIssueRequestV1): Promise<PresaleIssuedV1> {
    // payload rules: PresaleIssueRequest (the key, then the submission by PresaleSubmission, trimmed), applied by
    // @RpcHandler(Rpc.presaleIssue) as the gateway applies them; configuration (cut-over) and data here
    const { idempotencyKey: key, submission } = request;
    // the validated submission: what the gateway sends (validating it again changes nothing)
    const requestHash = requestHashOf(submission);
    // The QR SVG is derived from verifyUrl: rendered after the commit, not while the counter row is locked.
    let issued = false;
    const stored = await this.dataSource
      .transaction(async (manager): Promise<StoredIssuance> => {
        const replay = await presaleIdempotency.claim<StoredIssuance>(manager, principal.id, key, requestHash);
        if (replay) return replay;
        issued = true;
        if (submission.issueDate < this.config.cutoverDate) {
          throw PresaleErrors.incomplete([
            {
              field: 'issueDate',
              reason: `发证日期早于统一编号启用日 ${this.config.cutoverDate}，存量预售许可请通过补录取得 Z 编号 (before the cut-over: backfill instead)`,
            },
          ]);
        }
        assertPermitNumbersAllowed(principal, submission.constructionPermitNumbers);
        const sandbox = principal.sandbox === true;
        // sandbox: the permits as the sandbox sees them (its own pushes over the real ones), asked of permits
        const source = sandbox ? this.sandboxPermits.source(principal) : this.replica.source(manager);
        const eligible = await checkEligibility(
          source,
          principal,
          submission.constructionPermitNumbers,
          submission.unitCodes,
          submission.developer.creditCode,
        );
        const { permit } = await this.writer.issue(manager, principal, LETTER, submission, eligible, sandbox);
        if (!sandbox) {
          await enqueueEvent<PresalePermitIssuedV1>(manager, {
            source: '/hn/presale',
            type: PresaleEvents.permitIssued,
            subject: permit.presaleNumber,
            data: { permit },
            correlationId: currentCorrelationId(),
          });
        }
        const response: StoredIssuance = {
          presaleNumber: permit.presaleNumber,
          chainToken: permit.chainToken,
          verifyUrl: permit.verifyUrl,
          log: { index: permit.logIndex, treeSize: permit.logIndex + 1 },
          sandbox,
          permit,
        };
        await presaleIdempotency.store(manager, principal.id, key, requestHash, response);
        return response;
      })
      .catch((err: unknown) =>
        duplicateFromViolation(this.certificates, err, this.dataSource.manager, principal.sandbox === true, submission),
      );
    if (issued) this.metrics.numberIssued(LETTER, stored.sandbox);
    return { ...stored, qrSvg: await this.qr.svg(stored.verifyUrl) };
  }
}
