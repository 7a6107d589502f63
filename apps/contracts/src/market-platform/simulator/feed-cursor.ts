/** Opaque cursor of the simulated feed: base64url of {"v":1,"after":<seq>}. */
export function encodeCursor(afterSeq: number): string {
  return Buffer.from(JSON.stringify({ v: 1, after: afterSeq })).toString('base64url');
}

/** The feed position after which to continue; 0 for no cursor; null when the cursor is not ours. */
export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined || cursor === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; after?: unknown };
    return parsed.v === 1 && Number.isSafeInteger(parsed.after) && (parsed.after as number) >= 0
      ? (parsed.after as number)
      : null;
  } catch {
    return null;
  }
}
