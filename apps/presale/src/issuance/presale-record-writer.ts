import { Inject, Injectable } from '@nestjs/common';
import { PresalePermitV1, PresaleSubmissionV1, Principal } from '@hn/messages';
import { canonicalJson, chainTokenToQrText, encodeChainToken, recordDigest } from '@hn/chain';
import { formatPresaleNumber, PresaleLetter } from '@hn/numbering';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { PRESALE_CONFIG, PresaleConfig } from '../config/presale.config';
import { SigningKeysService } from '../transparency-log/signing-keys.service';
import { TransparencyLogService } from '../transparency-log/transparency-log.service';
import { assertLocalCertificateFree, LocalCertificateKeys, localCertificateKeysOf } from './local-certificate';
import { EligiblePermits } from './presale-eligibility';
import { buildPresaleRecord, PresaleRecord } from './presale-record';
import { PresaleErrors } from './presale.exception';

export interface WrittenPermit {
  permit: PresalePermitV1;
  digestHex: string;
}

/** SHA-256 of the canonical JSON of a request body: what an idempotency key is bound to. */
export function requestHashOf(value: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(value ?? null))
    .digest('hex');
}

/**
 * The part of 取号 shared by Y issuance (API) and Z backfill (staff), always inside the caller's
 * transaction: gap-free serial from the counter row of (first permit, letter, sandbox), log index,
 * record, chain token, ISSUED log entry and the rows of the record. Also signs corrected versions.
 */
@Injectable()
export class PresaleRecordWriter {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly log: TransparencyLogService,
    @Inject(PRESALE_CONFIG) private readonly config: PresaleConfig,
  ) {}

  async issue(
    manager: EntityManager,
    principal: Principal,
    letter: PresaleLetter,
    submission: PresaleSubmissionV1,
    eligible: EligiblePermits,
    sandbox: boolean,
  ): Promise<WrittenPermit> {
    const firstPermit = submission.constructionPermitNumbers[0]!;
    // before the counter row: a duplicate certificate consumes no serial
    const keys = localCertificateKeysOf(submission);
    await assertLocalCertificateFree(manager, sandbox, keys, submission);
    const serial = await this.nextSerial(manager, firstPermit, letter, sandbox);
    const presaleNumber = formatPresaleNumber(firstPermit, letter, serial);
    const logIndex = await this.log.reserveIndex(manager, sandbox);
    const record = buildPresaleRecord({
      presaleNumber,
      letter,
      serial,
      sandbox,
      projectCode: eligible.projectCode,
      regionCode: eligible.regionCode,
      logIndex,
      submission,
    });
    const issuedAt = new Date().toISOString();
    const { permit, digestHex } = this.sign(record, 'VALID', issuedAt);
    await this.log.append(manager, sandbox, logIndex, {
      kind: 'ISSUED',
      presaleNumber,
      issueDate: record.issueDate,
      recordDigest: digestHex,
      loggedAt: issuedAt,
    });
    await this.insertRecord(manager, principal, permit, digestHex, keys);
    return { permit, digestHex };
  }

  /** Chain token and verification URL of a record (its digest goes into the token). */
  sign(record: PresaleRecord, status: PresalePermitV1['status'], issuedAt: string): WrittenPermit {
    const digest = recordDigest(record as unknown as Record<string, unknown>);
    const chainToken = encodeChainToken(
      {
        presaleNumber: record.presaleNumber,
        issueDate: record.issueDate,
        recordDigest: digest,
        logIndex: record.logIndex,
        sandbox: record.sandbox,
      },
      this.keys.current,
    );
    const verifyUrl = this.verifyUrlOf(chainToken);
    return { permit: { ...record, chainToken, verifyUrl, status, issuedAt }, digestHex: digest.toString('hex') };
  }

  verifyUrlOf(chainToken: string): string {
    return `${this.config.publicBaseUrl.toUpperCase()}/V/${chainTokenToQrText(chainToken)}`;
  }

  /** One statement; the counter row stays locked until commit; the 100th request finds next_serial = 100 and is refused. */
  private async nextSerial(
    manager: EntityManager,
    permitNumber: string,
    letter: PresaleLetter,
    sandbox: boolean,
  ): Promise<number> {
    const rows: Array<{ serial: number }> = await manager.query(
      `INSERT INTO presale_serial_counter AS c (permit_number, letter, sandbox, next_serial) VALUES ($1, $2, $3, 2)
       ON CONFLICT (permit_number, letter, sandbox) DO UPDATE SET next_serial = c.next_serial + 1 WHERE c.next_serial <= 99
       RETURNING next_serial - 1 AS serial`,
      [permitNumber, letter, sandbox],
    );
    if (rows.length === 0) throw PresaleErrors.serialExhausted(permitNumber, letter);
    return rows[0]!.serial;
  }

  private async insertRecord(
    manager: EntityManager,
    principal: Principal,
    permit: PresalePermitV1,
    digestHex: string,
    keys: LocalCertificateKeys,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO presale_permit (sandbox, presale_number, permit_number, letter, serial, region_code, project_code, client_id, record, record_digest, chain_token, log_index, status, issued_at, authority_key, certificate_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'VALID', $13, $14, $15)`,
      [
        permit.sandbox,
        permit.presaleNumber,
        permit.constructionPermitNumbers[0],
        permit.letter,
        permit.serial,
        permit.regionCode,
        permit.projectCode,
        principal.id,
        JSON.stringify(permit),
        digestHex,
        permit.chainToken,
        permit.logIndex,
        permit.issuedAt,
        keys.authorityKey,
        keys.certificateKey,
      ],
    );
    await this.insertLinks(manager, permit);
  }

  /** The permit and unit links of a record (again after a correction changed them). */
  async insertLinks(manager: EntityManager, permit: PresalePermitV1): Promise<void> {
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
