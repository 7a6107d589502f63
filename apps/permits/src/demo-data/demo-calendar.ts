/** Day arithmetic on ISO dates (YYYY-MM-DD) for the demo data, in whole UTC days. */
const MS_PER_DAY = 86_400_000;

export function isoToDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

const isoCache = new Map<number, string>();

export function dayToIso(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}
