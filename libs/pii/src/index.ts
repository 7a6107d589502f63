// Public entry of @hn/pii: personal data at rest (AES-256-GCM with HKDF subkeys), the key format, masking.
export type { SealedValue } from './lib/pii-cipher';
export { PiiCipher } from './lib/pii-cipher';
export { decodePiiKey } from './lib/pii-key';
export { maskIdNumber, maskPhone } from './lib/pii-masking';
