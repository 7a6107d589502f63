/**
 * True when the Accept header prefers application/json over text/html (RFC 9110 §12.5.1: the most
 * specific matching range gives each type its q; at equal q the type named more specifically wins;
 * otherwise, and without an Accept header, HTML: what a phone browser opening the QR link expects).
 */
export function prefersJson(accept: string | string[] | undefined): boolean {
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  if (!header) return false;
  const ranges = header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      let q = 1;
      for (const p of params) {
        const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
        if (m) q = Math.max(0, Math.min(1, Number(m[1]) || 0));
      }
      return { type: (type ?? '').trim(), q };
    })
    .filter((r) => /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+*-]+$|^\*\/\*$/.test(r.type));
  /** q of the most specific range matching the type, and how specific it was (2 exact, 1 type/*, 0 *\/*). */
  const match = (mediaType: string): { q: number; specificity: number } => {
    const [main] = mediaType.split('/');
    const exact = ranges.find((r) => r.type === mediaType);
    if (exact) return { q: exact.q, specificity: 2 };
    const sub = ranges.find((r) => r.type === `${main}/*`);
    if (sub) return { q: sub.q, specificity: 1 };
    const any = ranges.find((r) => r.type === '*/*');
    return any ? { q: any.q, specificity: 0 } : { q: 0, specificity: -1 };
  };
  const json = match('application/json');
  const html = match('text/html');
  if (json.q <= 0) return false;
  return json.q > html.q || (json.q === html.q && json.specificity > html.specificity);
}
