import { EscrowRecordInputV1, Principal } from '@hn/messages';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { chinaToday, parsePresaleNumber } from '@hn/numbering';
import { EscrowErrors } from './escrow.errors';
import { PresaleRow } from './escrow.repository';
import { validateEscrowInput } from './escrow-record.validator';

/** A well-formed presale number of the caller's regions (400 / 403 otherwise). */
export function checkNumber(principal: Principal, presaleNumber: unknown): string {
  if (typeof presaleNumber !== 'string' || parsePresaleNumber(presaleNumber) === null)
    throw EscrowErrors.invalidNumber(presaleNumber);
  assertRegionAllowed(principal, regionOf(presaleNumber), {
    what: `预售许可证 ${presaleNumber}`,
    field: 'presaleNumber',
  });
  return presaleNumber;
}

/** The checked record input (422 listing every problem). */
export function checkInput(record: unknown): EscrowRecordInputV1 {
  const { value, errors } = validateEscrowInput(record, chinaToday());
  if (!value) throw EscrowErrors.incomplete(errors);
  return value;
}

/** The backfilled permit of a record: 404 when unknown, 403 outside the caller's regions. */
export function presaleInScope(
  principal: Principal,
  presaleNumber: string,
  presale: PresaleRow | undefined,
): PresaleRow {
  if (!presale) throw EscrowErrors.presaleNotFound(presaleNumber);
  assertRegionAllowed(principal, presale.region_code, {
    what: `预售许可证 ${presaleNumber}`,
    field: 'presaleNumber',
  });
  return presale;
}

/** The bound the validator cannot know: the balance date is not before the permit's issue date. */
export function checkAgainstPresale(input: EscrowRecordInputV1, presale: PresaleRow, prefix = ''): void {
  if (input.balanceAsOf < presale.issue_date) {
    throw EscrowErrors.incomplete([
      {
        field: `${prefix}balanceAsOf`,
        reason: `余额日期不能早于预售许可证发证日期 ${presale.issue_date} (not before the presale permit's issue date)`,
      },
    ]);
  }
}
