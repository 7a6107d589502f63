/**
 * 公众核验结果 Public verification outcomes: every answer of /public/v1/verify and of the page the QR
 * opens has one stable English `code`, a coarse `status`, and a plain Chinese sentence for people
 * (English beside it for integrators). Defined once here so the presale service (which decides) and
 * the gateway (which renders, and answers for a token it cannot even parse) say the same thing.
 */
export type VerifyStatusV1 =
  'VALID' | 'TEST' | 'DRAFT' | 'WITHDRAWN' | 'CORRECTED' | 'INVALID' | 'NOT_FOUND' | 'UNAVAILABLE';

export type VerifyCodeV1 =
  | 'VALID'
  | 'TEST_DATA'
  | 'DRAFT'
  | 'WITHDRAWN'
  | 'CORRECTED'
  | 'BAD_SIGNATURE'
  | 'UNKNOWN_KEY'
  | 'MALFORMED'
  | 'TRUNCATED'
  | 'UNSUPPORTED_VERSION'
  | 'UNKNOWN_PERMIT'
  | 'RECORD_MISMATCH'
  | 'SERVICE_UNAVAILABLE';

export interface VerifyOutcomeV1 {
  status: VerifyStatusV1;
  /** true only for VALID and TEST_DATA (a sandbox token: genuine, but never a real permit) */
  valid: boolean;
  /** what a person reads: plain Chinese, one sentence */
  message: string;
  messageEn: string;
}

export const VERIFY_OUTCOMES: Readonly<Record<VerifyCodeV1, VerifyOutcomeV1>> = {
  VALID: {
    status: 'VALID',
    valid: true,
    message: '真实有效：本平台签发的预售许可证，签名核验通过',
    messageEn: 'Genuine: issued by this platform, the signature verifies',
  },
  TEST_DATA: {
    status: 'TEST',
    valid: true,
    message: '联调测试数据，不是真实的预售许可证',
    messageEn: 'Test (sandbox) data, not a real presale permit',
  },
  DRAFT: {
    status: 'DRAFT',
    valid: false,
    message: '未提交的草稿，不是有效证书',
    messageEn: 'An unsubmitted draft backfill, not a valid certificate',
  },
  WITHDRAWN: {
    status: 'WITHDRAWN',
    valid: false,
    message: '该预售许可证编号已撤回，不是有效证书',
    messageEn: 'Withdrawn: this presale number is void',
  },
  CORRECTED: {
    status: 'CORRECTED',
    valid: false,
    message: '该证书已更正，此二维码为旧版本，请以最新证书为准',
    messageEn: 'Corrected since this code was printed; the current certificate is linked',
  },
  BAD_SIGNATURE: {
    status: 'INVALID',
    valid: false,
    message: '二维码内容已被篡改或不是本平台签发',
    messageEn: 'The signature does not verify: altered, or not issued by this platform',
  },
  UNKNOWN_KEY: {
    status: 'INVALID',
    valid: false,
    message: '二维码不是本平台签发（签名密钥不是本平台公布的密钥）',
    messageEn: 'Signed with a key this platform never published',
  },
  MALFORMED: {
    status: 'INVALID',
    valid: false,
    message: '二维码内容不是本平台的核验码',
    messageEn: 'Not a chain token of this platform',
  },
  TRUNCATED: {
    status: 'INVALID',
    valid: false,
    message: '二维码内容不完整，请对准二维码重新扫描',
    messageEn: 'The token is truncated: scan the code again',
  },
  UNSUPPORTED_VERSION: {
    status: 'INVALID',
    valid: false,
    message: '二维码版本不受支持，请向发证机关核实',
    messageEn: 'Unsupported token version',
  },
  UNKNOWN_PERMIT: {
    status: 'NOT_FOUND',
    valid: false,
    message: '平台没有该预售许可证的记录，请向发证机关核实',
    messageEn: 'The signature is genuine but the platform has no such presale permit',
  },
  RECORD_MISMATCH: {
    status: 'INVALID',
    valid: false,
    message: '二维码与平台登记的证书不一致，请向发证机关核实',
    messageEn: 'The token does not match the certificate on record',
  },
  SERVICE_UNAVAILABLE: {
    status: 'UNAVAILABLE',
    valid: false,
    message: '核验服务暂不可用，请稍后重新扫码',
    messageEn: 'The verification service is unavailable; try again later',
  },
};

/**
 * The codes and statuses a JSON verification answer can carry (OpenAPI enums of VerifyResultV1):
 * every outcome but SERVICE_UNAVAILABLE, which only the citizen's page shows (JSON clients get a
 * 503 problem instead).
 */
export const VERIFY_ANSWER_CODES: readonly VerifyCodeV1[] = (Object.keys(VERIFY_OUTCOMES) as VerifyCodeV1[]).filter(
  (code) => code !== 'SERVICE_UNAVAILABLE',
);
export const VERIFY_ANSWER_STATUSES: readonly VerifyStatusV1[] = [
  ...new Set(VERIFY_ANSWER_CODES.map((code) => VERIFY_OUTCOMES[code].status)),
];

/** The outcome of a code (an unknown code reads as not verified, never as valid). */
export function verifyOutcome(code: string): VerifyOutcomeV1 & { code: VerifyCodeV1 } {
  const known = Object.prototype.hasOwnProperty.call(VERIFY_OUTCOMES, code) ? (code as VerifyCodeV1) : 'MALFORMED';
  return { code: known, ...VERIFY_OUTCOMES[known] };
}
