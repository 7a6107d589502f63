import { Injectable } from '@nestjs/common';
import { PresalePermitV1, PublicPresaleSummaryV1, VerifyResultV1 } from '@hn/contracts';
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
    const rows: Array<{ record: PresalePermitV1; status: PresalePermitV1['status']; record_digest: string; log_index: string }> = await this.dataSource.query(
      `SELECT record, status, record_digest, log_index FROM presale_permit WHERE sandbox = $1 AND presale_number = $2`,
      [sandbox, claims.presaleNumber],
    );
    const row = rows[0];
    const test = sandbox ? { test: true } : {};
    if (!row) return { valid: false, reason: 'UNKNOWN_PERMIT', message: `签名有效，但平台无此预售许可证 ${claims.presaleNumber} (signature valid, permit not on record)`, ...test };
    if (row.record_digest !== claims.recordDigest.toString('hex') || Number(row.log_index) !== claims.logIndex) {
      return { valid: false, reason: 'RECORD_MISMATCH', message: '令牌与平台记录不一致 (token does not match the record)', ...test };
    }
    const permit = toSummary(row.record, row.status);
    if (row.status === 'CORRECTED') {
      return { valid: false, reason: 'CORRECTED', message: '该证信息已更正，此二维码对应旧版本，请以最新信息为准 (corrected since this token was issued)', permit, ...test };
    }
    return { valid: true, permit, ...test };
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

function toSummary(r: PresalePermitV1, status: PresalePermitV1['status']): PublicPresaleSummaryV1 {
  return {
    presaleNumber: r.presaleNumber,
    status,
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
