/**
 * A PII master key from configuration: standard or URL-safe base64 of exactly 32 bytes, not all one
 * repeated byte (a placeholder such as "AAAA…"). Null when the text is not such a key.
 */
export function decodePiiKey(value: string | undefined): Buffer | null {
  const text = (value ?? '').trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32 || key.every((b) => b === key[0])) return null;
  return key;
}
