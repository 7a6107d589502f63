// @hn/chain — chain tokens (signed QR payloads), the RFC 6962 transparency log, signed checkpoints.
// 链令牌（二维码签名载荷）、RFC 6962 透明日志、签名检查点。See docs/chain-token.md.
export type { SigningKey, PublicKeyEntry, Ed25519PublicJwk } from './lib/signing-key';
export {
  generateSigningKey,
  signingKeyFromPkcs8Pem,
  signingKeyToPkcs8Pem,
  publicKeyToJwk,
  publicKeyFromJwk,
} from './lib/signing-key';
export type { ChainTokenClaims, ChainTokenVerification, ChainTokenFailureReason } from './lib/chain-token';
export {
  CHAIN_TOKEN_VERSION,
  CHAIN_TOKEN_BYTES,
  CHAIN_TOKEN_TEXT_LENGTH,
  encodeChainToken,
  decodeChainTokenUnverified,
  verifyChainToken,
} from './lib/chain-token';
export { canonicalJson, recordDigest } from './lib/canonical-json';
export {
  leafHash,
  nodeHash,
  rootFromLeafHashes,
  inclusionProof,
  consistencyProof,
  verifyInclusion,
  verifyConsistency,
  MerkleTree,
} from './lib/merkle';
export type { LogEntry } from './lib/log-entry';
export { encodeLogEntry } from './lib/log-entry';
export type { Checkpoint } from './lib/checkpoint';
export { formatCheckpointBody, parseCheckpoint } from './lib/checkpoint';
export type { NoteVerification, NoteFailureReason } from './lib/signed-note';
export { signNote, verifyNote } from './lib/signed-note';
export { base32Encode, base32Decode, chainTokenToQrText, normalizeChainTokenText } from './lib/token-text';
