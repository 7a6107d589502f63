import { ErrorCode, FieldError } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of presale issuance and lookup, each with its stable code. */
export const PresaleErrors = {
  incomplete(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
  permitNotFound(permitNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PERMIT_NOT_FOUND,
      `未找到施工许可证 ${permitNumber} (construction permit not found)`,
      [{ field: 'constructionPermitNumbers', reason: permitNumber }],
    );
  },
  notPresale(permitNumber: string, type: string | null): DomainException {
    return new DomainException(
      422,
      ErrorCode.PERMIT_NOT_PRESALE,
      `施工许可证 ${permitNumber} 所属项目类型为 ${type ?? '未标记'}，不是预售商品房 (project type is not PRESALE)`,
      [{ field: 'constructionPermitNumbers', reason: permitNumber }],
    );
  },
  differentProjects(projectCodes: string[]): DomainException {
    return new DomainException(
      422,
      ErrorCode.PERMITS_OF_DIFFERENT_PROJECTS,
      `施工许可证分属不同项目 ${projectCodes.join('、')}，一个预售许可只能对应一个项目 (permits belong to different projects)`,
      [{ field: 'constructionPermitNumbers', reason: projectCodes.join(',') }],
    );
  },
  unitsNotInPermits(unitCodes: string[]): DomainException {
    return new DomainException(
      422,
      ErrorCode.UNIT_NOT_IN_PERMITS,
      `单体 ${unitCodes.join('、')} 不属于所列施工许可证 (units not in the listed permits)`,
      unitCodes.map((u) => ({ field: 'unitCodes', reason: `${u} 不属于所列施工许可证` })),
    );
  },
  serialExhausted(permitNumber: string, letter: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.SERIAL_EXHAUSTED,
      `施工许可证 ${permitNumber} 的 ${letter} 序号 01–99 已用尽 (serial space exhausted)`,
    );
  },
  keyReused: (): DomainException => DomainException.idempotencyKeyReused(),
  keyInFlight: (): DomainException => DomainException.idempotencyKeyInFlight(),
  presaleNotFound(presaleNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PRESALE_NOT_FOUND,
      `未找到预售许可证 ${presaleNumber} (presale permit not found)`,
    );
  },
  invalidNumber(presaleNumber: string): DomainException {
    return new DomainException(
      400,
      ErrorCode.INVALID_PRESALE_NUMBER,
      `预售许可证编号格式应为 18 位施工许可证号-Y/Z两位序号 (invalid presale number ${presaleNumber.slice(0, 40)})`,
      [{ field: 'presaleNumber', reason: 'format <18 digits>-<Y|Z><NN>' }],
    );
  },
  duplicateLocalCertificate(
    issuingAuthority: string,
    localCertificateNumber: string,
    existing: string,
  ): DomainException {
    return new DomainException(
      409,
      ErrorCode.DUPLICATE_LOCAL_CERTIFICATE,
      `${issuingAuthority}的本地证号「${localCertificateNumber}」已取得统一编号 ${existing}，同一预售许可证不能再次取号 (this local certificate already has unified number ${existing})`,
      [{ field: 'localCertificateNumber', reason: existing }],
    );
  },
  developerMismatch(
    submitted: string,
    mismatches: Array<{ permitNumber: string; creditCode: string; name: string | null }>,
  ): DomainException {
    const listed = mismatches
      .map((m) => `施工许可证 ${m.permitNumber} 登记的建设单位为${m.name ? `「${m.name}」` : ''} ${m.creditCode}`)
      .join('；');
    return new DomainException(
      422,
      ErrorCode.DEVELOPER_MISMATCH,
      `开发企业统一社会信用代码 ${submitted} 与施工许可证的建设单位不一致：${listed} (developer credit code ${submitted} differs from the permit's developer ${[...new Set(mismatches.map((m) => m.creditCode))].join(', ')})`,
      mismatches.map((m) => ({
        field: 'developer.creditCode',
        reason: `提交 ${submitted}，施工许可证 ${m.permitNumber} 登记为 ${m.creditCode} (submitted ${submitted}, permit ${m.permitNumber} has ${m.creditCode})`,
      })),
    );
  },
  developerUnknown(permitNumber: string): DomainException {
    return new DomainException(
      503,
      ErrorCode.SERVICE_UNAVAILABLE,
      `施工许可证 ${permitNumber} 的建设单位信息尚未同步到预售服务，请稍后重试 (the permit replica does not know the developer yet; retry later)`,
    );
  },
  invalidProofRequest(reason: string): DomainException {
    return new DomainException(400, ErrorCode.INVALID_PROOF_REQUEST, `证明请求无效：${reason} (invalid proof request)`);
  },
};
