import { Injectable } from '@nestjs/common';
import {
  PresaleBackfillStatusV1,
  PresalePermitV1,
  PublicPresaleSummaryV1,
  VerifyCodeV1,
  verifyOutcome,
  VerifyResultV1,
} from '@hn/messages';
import { decodeChainTokenUnverified, normalizeChainTokenText, verifyChainToken } from '@hn/chain';
import { PresaleErrors } from '../issuance/presale.exception';
import { SigningKeysService } from '../transparency-log/signing-keys.service';
import { PresalePermitsRepository } from './presale-permits.repository';

/** A verification answer of a code: its status, validity and sentences (one table, VERIFY_OUTCOMES). */
function outcome(code: VerifyCodeV1, extra: Partial<VerifyResultV1> = {}): VerifyResultV1 {
  const o = verifyOutcome(code);
  return {
    valid: o.valid,
    status: o.status,
    code: o.code,
    ...(o.valid ? {} : { reason: o.code }),
    message: o.message,
    messageEn: o.messageEn,
    ...extra,
  };
}

/**
 * What a citizen's scan sees: is the token genuine, and what is the permit's state on record. A
 * genuine token is VALID only for the current version of a live, public record: an unsubmitted Z
 * backfill is DRAFT (never shown as genuine, no details), a withdrawn one WITHDRAWN, a replaced
 * version CORRECTED with a link to the current certificate.
 */
@Injectable()
export class PublicVerificationService {
  constructor(
    private readonly permits: PresalePermitsRepository,
    private readonly keys: SigningKeysService,
  ) {}

  async verify(tokenText: string): Promise<VerifyResultV1> {
    const token = normalizeChainTokenText(tokenText);
    if (!token) return outcome('MALFORMED');
    const checked = verifyChainToken(token, await this.keys.verificationKeys(decodeChainTokenUnverified(token)?.keyId));
    if (!checked.valid)
      return outcome(
        checked.reason === 'BAD_SIGNATURE' ||
          checked.reason === 'UNKNOWN_KEY' ||
          checked.reason === 'TRUNCATED' ||
          checked.reason === 'UNSUPPORTED_VERSION'
          ? checked.reason
          : 'MALFORMED',
      );
    const claims = checked.claims;
    const sandbox = claims.sandbox === true;
    const row = await this.permits.findVerified(sandbox, claims.presaleNumber);
    const test = sandbox ? { test: true } : {};
    if (!row) return outcome('UNKNOWN_PERMIT', test);
    // withdrawn and draft numbers are not public: no details, whichever version the token is of
    if (row.status === 'WITHDRAWN') return outcome('WITHDRAWN', test);
    if (row.backfill_state === 'DRAFT') return outcome('DRAFT', test);
    const digestHex = claims.recordDigest.toString('hex');
    if (row.record_digest === digestHex && Number(row.log_index) === claims.logIndex) {
      return outcome(sandbox ? 'TEST_DATA' : 'VALID', { permit: toSummary(row.record, row.status), ...test });
    }
    // the token of a version replaced by an ADMIN correction: say so and point to the current one
    if (await this.permits.isReplacedVersion(sandbox, claims.presaleNumber, digestHex, claims.logIndex)) {
      const verifyUrl = row.record.verifyUrl;
      const current = {
        presaleNumber: claims.presaleNumber,
        verifyUrl,
        verifyPath: `/V/${verifyUrl.slice(verifyUrl.lastIndexOf('/V/') + 3)}`,
      };
      return outcome('CORRECTED', { permit: toSummary(row.record, row.status), current, ...test });
    }
    return outcome('RECORD_MISMATCH', test);
  }

  /** The public summary of a presale number (valid: PresaleNumberBodyV1, checked by the Rpc entry). */
  async publicPermit(presaleNumber: string): Promise<PublicPresaleSummaryV1> {
    // drafts and withdrawn backfills are not public: not found, as if never issued
    const row = await this.permits.findPublic(presaleNumber);
    if (!row) throw PresaleErrors.presaleNotFound(presaleNumber);
    return toSummary(row.record, row.status);
  }
}

function toSummary(r: PresalePermitV1, status: PresaleBackfillStatusV1): PublicPresaleSummaryV1 {
  return {
    presaleNumber: r.presaleNumber,
    // WITHDRAWN only for a withdrawn backfill (never a valid permit)
    status: status as PublicPresaleSummaryV1['status'],
    sandbox: r.sandbox,
    projectName: r.projectName,
    developerName: r.developer.name,
    address: r.address,
    regionCode: r.regionCode,
    issuingAuthority: r.issuingAuthority,
    localCertificateNumber: r.localCertificateNumber,
    issueDate: r.issueDate,
    buildings: r.buildings,
    presaleArea: r.presaleArea,
    unitCount: r.unitCount,
    plannedUse: r.plannedUse,
    constructionPermitNumbers: r.constructionPermitNumbers,
    logIndex: r.logIndex,
  };
}
