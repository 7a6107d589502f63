import { Inject, Injectable } from '@nestjs/common';
import { PresaleEvents, PresaleIssuedV1, PresaleIssueRequestV1, PresalePermitIssuedV1, PresalePermitV1, Principal } from '@hn/contracts';
import { canonicalJson, chainTokenToQrText, encodeChainToken, recordDigest } from '@hn/chain';
import { chinaToday, formatPresaleNumber } from '@hn/numbering';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/persistence';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PRESALE_CONFIG, PresaleConfig } from '../config/presale.config';
import { QrCodeRenderer } from '../print';
import { SigningKeysService } from '../transparency-log/signing-keys.service';
import { TransparencyLogService } from '../transparency-log/transparency-log.service';
import { checkEligibility } from './presale-eligibility';
import { buildPresaleRecord } from './presale-record';
import { validatePresaleSubmission } from './presale-submission.validator';
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
    private readonly keys: SigningKeysService,
    private readonly log: TransparencyLogService,
    private readonly qr: QrCodeRenderer,
    @Inject(PRESALE_CONFIG) private readonly config: PresaleConfig,
  ) {}

  async issue(principal: Principal, request: PresaleIssueRequestV1): Promise<PresaleIssuedV1> {
    const key = typeof request?.idempotencyKey === 'string' ? request.idempotencyKey : '';
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(key)) throw PresaleErrors.incomplete([{ field: 'Idempotency-Key', reason: '须为 1–128 位字母数字或 ._:- (required header)' }]);
    const submission = request.submission;
    const requestHash = createHash('sha256').update(canonicalJson(submission ?? null)).digest('hex');
    // The QR SVG is derived from verifyUrl: rendered after the commit, not while the counter row is locked.
    const stored = await this.dataSource.transaction(async (manager): Promise<StoredIssuance> => {
      const replay = await this.claimKey(manager, principal.id, key, requestHash);
      if (replay) return replay;
      const errors = validatePresaleSubmission(submission, chinaToday());
      if (typeof submission?.issueDate === 'string' && submission.issueDate < this.config.cutoverDate) {
        errors.push({ field: 'issueDate', reason: `发证日期早于统一编号启用日 ${this.config.cutoverDate}，存量预售许可请通过补录取得 Z 编号 (before the cut-over: backfill instead)` });
      }
      if (errors.length > 0) throw PresaleErrors.incomplete(errors);
      const eligible = await checkEligibility(manager, principal, submission.constructionPermitNumbers, submission.unitCodes);
      const sandbox = principal.sandbox === true;
      const firstPermit = submission.constructionPermitNumbers[0]!;
      const serial = await this.nextSerial(manager, firstPermit, sandbox);
      const presaleNumber = formatPresaleNumber(firstPermit, LETTER, serial);
      const logIndex = await this.log.reserveIndex(manager, sandbox);
      const record = buildPresaleRecord({ presaleNumber, letter: LETTER, serial, sandbox, projectCode: eligible.projectCode, regionCode: eligible.regionCode, logIndex, submission });
      const digest = recordDigest(record as unknown as Record<string, unknown>);
      const chainToken = encodeChainToken({ presaleNumber, issueDate: record.issueDate, recordDigest: digest, logIndex, sandbox }, this.keys.current);
      const verifyUrl = `${this.config.publicBaseUrl.toUpperCase()}/V/${chainTokenToQrText(chainToken)}`;
      const issuedAt = new Date().toISOString();
      const permit: PresalePermitV1 = { ...record, chainToken, verifyUrl, status: 'VALID', issuedAt };

      await this.log.append(manager, sandbox, logIndex, { kind: 'ISSUED', presaleNumber, issueDate: record.issueDate, recordDigest: digest.toString('hex'), loggedAt: issuedAt });
      await this.insertRecord(manager, principal, permit, digest.toString('hex'));
      if (!sandbox) {
        await enqueueEvent<PresalePermitIssuedV1>(manager, { source: '/hn/presale', type: PresaleEvents.permitIssued, subject: presaleNumber, data: { permit }, correlationId: currentCorrelationId() });
      }
      const response: StoredIssuance = { presaleNumber, chainToken, verifyUrl, log: { index: logIndex, treeSize: logIndex + 1 }, sandbox, permit };
      await manager.query(`INSERT INTO idempotency_key (client_id, idempotency_key, request_hash, response) VALUES ($1, $2, $3, $4)`, [principal.id, key, requestHash, JSON.stringify(response)]);
      return response;
    });
    return { ...stored, qrSvg: await this.qr.svg(stored.verifyUrl) };
  }

  /**
   * Holds the key for this transaction. Another transaction holding it → 409 (in flight); a stored
   * key → the stored response for the same body, 422 for another body.
   */
  private async claimKey(manager: EntityManager, clientId: string, key: string, requestHash: string): Promise<StoredIssuance | null> {
    const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 7)) AS locked`, [`presale-idem:${clientId}:${key}`])) as Array<{ locked: boolean }>;
    if (!lock?.locked) throw PresaleErrors.keyInFlight();
    const rows: Array<{ request_hash: string; response: StoredIssuance }> = await manager.query(
      `SELECT request_hash, response FROM idempotency_key WHERE client_id = $1 AND idempotency_key = $2`,
      [clientId, key],
    );
    if (rows.length === 0) return null;
    if (rows[0]!.request_hash !== requestHash) throw PresaleErrors.keyReused();
    return rows[0]!.response;
  }

  /** Counter row locked until commit; the 100th request finds next_serial = 100 and is refused. */
  private async nextSerial(manager: EntityManager, permitNumber: string, sandbox: boolean): Promise<number> {
    const rows: Array<{ serial: number }> = await manager.query(
      `INSERT INTO presale_serial_counter AS c (permit_number, letter, sandbox, next_serial) VALUES ($1, $2, $3, 2)
       ON CONFLICT (permit_number, letter, sandbox) DO UPDATE SET next_serial = c.next_serial + 1 WHERE c.next_serial <= 99
       RETURNING next_serial - 1 AS serial`,
      [permitNumber, LETTER, sandbox],
    );
    if (rows.length === 0) throw PresaleErrors.serialExhausted(permitNumber, LETTER);
    return rows[0]!.serial;
  }

  private async insertRecord(manager: EntityManager, principal: Principal, permit: PresalePermitV1, digestHex: string): Promise<void> {
    await manager.query(
      `INSERT INTO presale_permit (sandbox, presale_number, permit_number, letter, serial, region_code, project_code, client_id, record, record_digest, chain_token, log_index, status, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'VALID', $13)`,
      [permit.sandbox, permit.presaleNumber, permit.constructionPermitNumbers[0], permit.letter, permit.serial, permit.regionCode, permit.projectCode, principal.id, JSON.stringify(permit), digestHex, permit.chainToken, permit.logIndex, permit.issuedAt],
    );
    await manager.query(
      `INSERT INTO presale_permit_link (sandbox, presale_number, position, permit_number) SELECT $1, $2, p.ord - 1, p.n FROM unnest($3::text[]) WITH ORDINALITY AS p(n, ord)`,
      [permit.sandbox, permit.presaleNumber, permit.constructionPermitNumbers],
    );
    await manager.query(
      `INSERT INTO presale_permit_unit (sandbox, presale_number, unit_code, permit_number)
       SELECT $1, $2, u.unit_code, u.permit_number FROM unit_replica u WHERE u.unit_code = ANY($3::text[]) AND u.permit_number = ANY($4::text[])
       ON CONFLICT DO NOTHING`,
      [permit.sandbox, permit.presaleNumber, permit.unitCodes, permit.constructionPermitNumbers],
    );
  }
}
