/** True when `err` is a node-postgres error carrying one of the given SQLSTATE codes. */
export function isPgError(err: unknown, ...codes: string[]): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' && codes.includes(code);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
