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
import { LocalCertificateRepository } from './local-certificate.repository';
import { EligiblePermits } from './presale-eligibility';
import { buildPresaleRecord, PresaleRecord } from './presale-record';
import { PresaleRecordRepository } from './presale-record.repository';
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
    private readonly records: PresaleRecordRepository,
    private readonly certificates: LocalCertificateRepository,
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
    await assertLocalCertificateFree(this.certificates, manager, sandbox, keys, submission);
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

  /** The counter row stays locked until commit; the 100th request is refused. */
  private async nextSerial(
    manager: EntityManager,
    permitNumber: string,
    letter: PresaleLetter,
    sandbox: boolean,
  ): Promise<number> {
    const serial = await this.records.nextSerial(manager, permitNumber, letter, sandbox);
    if (serial === null) throw PresaleErrors.serialExhausted(permitNumber, letter);
    return serial;
  }

  private async insertRecord(
    manager: EntityManager,
    principal: Principal,
    permit: PresalePermitV1,
    digestHex: string,
    keys: LocalCertificateKeys,
  ): Promise<void> {
    await this.records.insertPermit(manager, principal.id, permit, digestHex, keys);
    await this.insertLinks(manager, permit);
  }

  /** The permit and unit links of a record (again after a correction changed them). */
  insertLinks(manager: EntityManager, permit: PresalePermitV1): Promise<void> {
    return this.records.insertLinks(manager, permit);
  }
}
