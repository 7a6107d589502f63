import { createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { MANIFEST_VERSION } from '@hn/messages';

/** What a manifest's signature covers (the event ids through count and root). */
export interface ManifestSigned {
  subscriberId: string;
  date: string;
  final: boolean;
  generatedAt: string;
  count: number;
  merkleRoot: string;
}

/**
 * The signed content: seven lines of UTF-8 text, each ended by LF (0x0A), in this order:
 *   hn.exchange.manifest.v1 / subscriberId=… / date=YYYY-MM-DD / final=true|false / generatedAt=ISO /
 *   count=n / merkleRoot=hex
 */
export function manifestSignedContent(m: ManifestSigned): Buffer {
  return Buffer.from(
    [
      MANIFEST_VERSION,
      `subscriberId=${m.subscriberId}`,
      `date=${m.date}`,
      `final=${m.final}`,
      `generatedAt=${m.generatedAt}`,
      `count=${m.count}`,
      `merkleRoot=${m.merkleRoot}`,
      '',
    ].join('\n'),
    'utf8',
  );
}

export function signManifest(m: ManifestSigned, privateKey: KeyObject): string {
  return sign(null, manifestSignedContent(m), privateKey).toString('base64');
}

/** The Ed25519 public key of a `whpk_<base64 raw 32 bytes>` text (the subscribers' verificationKeys), or null. */
export function publicKeyOf(text: string): KeyObject | null {
  const raw = Buffer.from(text.replace(/^whpk_/, ''), 'base64');
  if (!text.startsWith('whpk_') || raw.length !== 32) return null;
  try {
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
    return createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

export function manifestSignatureValid(m: ManifestSigned, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, manifestSignedContent(m), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
