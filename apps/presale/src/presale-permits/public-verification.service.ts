import { Injectable } from '@nestjs/common';
import { PresaleBackfillStatusV1, PresalePermitV1, PublicPresaleSummaryV1, VerifyResultV1 } from '@hn/contracts';
import { decodeChainTokenUnverified, normalizeChainTokenText, verifyChainToken } from '@hn/chain';
import { parsePresaleNumber } from '@hn/numbering';
import { DataSource } from 'typeorm';
import { PresaleErrors } from '../issuance/presale.exception';
import { SigningKeysService } from '../transparency-log/signing-keys.service';

/** What a citizen's scan sees: is the token genuine, and does it match the permit on record. */
@Injectable()
export class PublicVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeysService,
  ) {}

  async verify(tokenText: string): Promise<VerifyResultV1> {
    const token = normalizeChainTokenText(tokenText);
    if (!token) return { valid: false, reason: 'MALFORMED', message: '令牌格式无效 (malformed token)' };
    const checked = verifyChainToken(token, await this.keys.verificationKeys(decodeChainTokenUnverified(token)?.keyId));
    if (!checked.valid) return { valid: false, reason: checked.reason, message: checked.message };
    const claims = checked.claims;
    const sandbox = claims.sandbox === true;
    const rows: Array<{ record: PresalePermitV1; status: PresaleBackfillStatusV1; record_digest: string; log_index: string }> = await this.dataSource.query(
      `SELECT record, status, record_digest, log_index FROM presale_permit WHERE sandbox = $1 AND presale_number = $2`,
      [sandbox, claims.presaleNumber],
    );
    const row = rows[0];
    const test = sandbox ? { test: true } : {};
    if (!row) return { valid: false, reason: 'UNKNOWN_PERMIT', message: `签名有效，但平台无此预售许可证 ${claims.presaleNumber} (signature valid, permit not on record)`, ...test };
    const digestHex = claims.recordDigest.toString('hex');
    if (row.record_digest === digestHex && Number(row.log_index) === claims.logIndex) {
      // the token of the current version: valid (a corrected permit's current version is valid too)
      if (row.status === 'WITHDRAWN') {
        return { valid: false, reason: 'WITHDRAWN', message: `预售许可证 ${claims.presaleNumber} 的补录已撤回，该编号作废，此二维码无效 (withdrawn: the backfilled permit was withdrawn and its number is void)`, ...test };
      }
      return { valid: true, permit: toSummary(row.record, row.status), ...test };
    }
    // the token of a version replaced by an ADMIN correction: say so and show the current record
    const replaced: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM presale_permit_version WHERE sandbox = $1 AND presale_number = $2 AND record_digest = $3 AND log_index = $4`,
      [sandbox, claims.presaleNumber, digestHex, claims.logIndex],
    );
    if (replaced.length > 0) {
      return { valid: false, reason: 'CORRECTED', message: '该证信息已更正，此二维码对应旧版本，请以最新信息为准 (corrected since this token was issued)', permit: toSummary(row.record, row.status), ...test };
    }
    return { valid: false, reason: 'RECORD_MISMATCH', message: '令牌与平台记录不一致 (token does not match the record)', ...test };
  }

  async publicPermit(presaleNumber: string): Promise<PublicPresaleSummaryV1> {
    if (typeof presaleNumber !== 'string' || !parsePresaleNumber(presaleNumber)) throw PresaleErrors.invalidNumber(String(presaleNumber));
    const rows: Array<{ record: PresalePermitV1; status: PresalePermitV1['status'] }> = await this.dataSource.query(
      `SELECT record, status FROM presale_permit WHERE sandbox = false AND presale_number = $1`,
      [presaleNumber],
    );
    if (!rows[0]) throw PresaleErrors.presaleNotFound(presaleNumber);
    return toSummary(rows[0].record, rows[0].status);
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
