import { SCAN_COLUMNS } from '../scans/scan.sql';

/** presale_backfill b ⋈ presale_permit p ⋈ scan_file s (real records only: staff never use the sandbox). */
export const BACKFILL_FROM = `presale_backfill b JOIN presale_permit p ON p.sandbox = b.sandbox AND p.presale_number = b.presale_number JOIN scan_file s ON s.id = b.scan_id`;
export const BACKFILL_COLUMNS = `p.presale_number, p.record, p.status, p.region_code, p.log_index, p.record_digest, b.state, b.backfilled_by, ${SCAN_COLUMNS}`;

/** SQL conditions built with numbered parameters. */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  add(sql: (p: (value: unknown) => string) => string): void {
    this.parts.push(sql((value) => `$${this.params.push(value)}`));
  }
  toString(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
