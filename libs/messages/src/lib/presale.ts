import type { VerifyCodeV1, VerifyStatusV1 } from './verification';

/** Messages owned by the presale service (预售许可). */

export interface PresaleSubmissionV1 {
  /** ordered, ≥ 1; the first forms the number */
  constructionPermitNumbers: string[];
  /** each must belong to one of those permits */
  unitCodes: string[];
  localCertificateNumber: string;
  issuingAuthority: string;
  /** YYYY-MM-DD */
  issueDate: string;
  developer: { name: string; creditCode: string };
  projectName: string;
  address: string;
  buildings: string[];
  /** m², two decimals */
  presaleArea: number;
  unitCount: number;
  plannedUse: string;
  /** optional; when present both fields are required */
  fundSupervision?: { bank: string; account: string } | null;
  /** WGS-84 inside Hunan's bounding box */
  location: { lat: number; lng: number };
}

export type PresaleStatus = 'VALID' | 'CORRECTED';

export interface PresalePermitV1 extends Omit<PresaleSubmissionV1, 'fundSupervision'> {
  presaleNumber: string;
  letter: 'Y' | 'Z';
  serial: number;
  /** 联调测试 sandbox record: never a real permit */
  sandbox: boolean;
  projectCode: string;
  regionCode: string;
  fundSupervision: { bank: string; account: string } | null;
  chainToken: string;
  verifyUrl: string;
  logIndex: number;
  status: PresaleStatus;
  /** RFC 3339 UTC */
  issuedAt: string;
}

export interface PresaleIssueRequestV1 {
  idempotencyKey: string;
  submission: PresaleSubmissionV1;
}

export interface PresaleIssuedV1 {
  presaleNumber: string;
  chainToken: string;
  verifyUrl: string;
  qrSvg: string;
  log: { index: number; treeSize: number };
  sandbox: boolean;
  permit: PresalePermitV1;
}

export interface BinaryFileV1 {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export type PaperSizeV1 = 'A4' | 'A3' | 'A5' | 'B5' | 'LETTER';

/** What a citizen sees: no developer credit code, no escrow account. */
export interface PublicPresaleSummaryV1 {
  presaleNumber: string;
  status: PresaleStatus;
  sandbox: boolean;
  projectName: string;
  developerName: string;
  address: string;
  regionCode: string;
  issuingAuthority: string;
  localCertificateNumber: string;
  issueDate: string;
  buildings: string[];
  presaleArea: number;
  unitCount: number;
  plannedUse: string;
  constructionPermitNumbers: string[];
  logIndex: number;
}

export interface VerifyResultV1 {
  /** true only for a genuine current token (VALID, or TEST for a sandbox token) */
  valid: boolean;
  /** coarse outcome: VALID, TEST, DRAFT, WITHDRAWN, CORRECTED, INVALID, NOT_FOUND (see VERIFY_OUTCOMES) */
  status: VerifyStatusV1;
  /** stable English code, e.g. DRAFT, WITHDRAWN, CORRECTED, BAD_SIGNATURE, UNKNOWN_KEY, MALFORMED */
  code: VerifyCodeV1;
  /** the code again when not valid (kept for clients of the first version) */
  reason?: VerifyCodeV1;
  /** plain Chinese sentence for people */
  message: string;
  /** the same in English, for integrators */
  messageEn: string;
  /** true for sandbox (联调测试) tokens: never a real permit */
  test?: boolean;
  /** the permit as on record (VALID, TEST, CORRECTED: the current version); never for drafts or withdrawn numbers */
  permit?: PublicPresaleSummaryV1;
  /** CORRECTED: where the current certificate verifies */
  current?: { presaleNumber: string; verifyUrl: string; verifyPath: string };
}

export interface InclusionProofV1 {
  leafIndex: number;
  leafHash: string;
  auditPath: string[];
  treeSize: number;
  rootHash: string;
}

export interface ConsistencyProofV1 {
  proof: string[];
  first: number;
  second: number;
  firstRootHash: string;
  secondRootHash: string;
}

export interface JwksV1 {
  keys: Array<{ kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; use: 'sig'; alg: 'EdDSA' }>;
}

/** Hunan's bounding box (WGS-84), generous by a few km: a presale permit's map point (落图选点) lies inside. */
export const HUNAN_BOUNDS = { minLat: 24.6, maxLat: 30.2, minLng: 108.7, maxLng: 114.3 } as const;

export const PresaleRpc = {
  issue: 'rpc.presale.permit.issue.v1',
  get: 'rpc.presale.permit.get.v1',
  qr: 'rpc.presale.permit.qr.v1',
  printLayout: 'rpc.presale.permit.print-layout.v1',
  health: 'rpc.presale.health.v1',
  // public (no principal; payload is the body itself)
  verify: 'rpc.presale.public.verify.v1',
  publicPermit: 'rpc.presale.public.permit.v1',
  checkpoint: 'rpc.presale.public.checkpoint.v1',
  inclusionProof: 'rpc.presale.public.inclusion-proof.v1',
  consistencyProof: 'rpc.presale.public.consistency-proof.v1',
  keys: 'rpc.presale.public.keys.v1',
  publicSearch: 'rpc.presale.public.search.v1',
} as const;

export const PresaleEvents = {
  stream: 'HN_PRESALE',
  streamSubjects: ['hn.presale.>'],
  permitIssued: 'hn.presale.permit.issued.v1',
} as const;

/** data of hn.presale.permit.issued.v1 (never published for sandbox records) */
export interface PresalePermitIssuedV1 {
  permit: PresalePermitV1;
}
