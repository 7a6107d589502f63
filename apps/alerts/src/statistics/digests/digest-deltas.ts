import { DigestAlertCountV1, DigestFigureV1, STATISTICS_FIGURES } from '@hn/messages';

/** Every summary figure of a region by its path (the summary's nested fields read back out). */
export function flattenFigures(region: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const path of STATISTICS_FIGURES) {
    const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], region);
    out[path] = typeof v === 'number' ? v : 0;
  }
  return out;
}

/** Two decimals at most (areas are m² with two decimals): no binary-fraction noise in a delta. */
const exact = (n: number): number => Math.round(n * 100) / 100;

/**
 * The digest's figures: each value now with the previous digest's value and the change. Without a
 * previous digest, previous and delta are null; a figure the previous digest did not hold counts as 0 there.
 */
export function digestFigures(
  previous: readonly DigestFigureV1[] | null,
  now: Record<string, number>,
): DigestFigureV1[] {
  const before = previous ? new Map(previous.map((f) => [f.figure, f.now])) : null;
  return Object.entries(now).map(([figure, value]) => {
    if (!before) return { figure, previous: null, now: value, delta: null };
    const prev = before.get(figure) ?? 0;
    return { figure, previous: prev, now: value, delta: exact(value - prev) };
  });
}

export interface AlertTransitionRow {
  region_code: string;
  type: string;
  kind: 'RAISED' | 'CLEARED';
  n: number;
}

/** Alert counts by type of the rows whose region code is in `codes`, types sorted, zeros left out. */
export function alertCounts(
  rows: readonly AlertTransitionRow[],
  kind: AlertTransitionRow['kind'],
  codes: ReadonlySet<string>,
): DigestAlertCountV1[] {
  const byType = new Map<string, number>();
  for (const r of rows)
    if (r.kind === kind && codes.has(r.region_code)) byType.set(r.type, (byType.get(r.type) ?? 0) + Number(r.n));
  return [...byType.entries()]
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => ({ type, count }));
}
