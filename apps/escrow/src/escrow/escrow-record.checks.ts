import { EscrowRecordInputV1, Principal } from '@hn/messages';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { EscrowErrors } from './escrow.exception';
import { PresaleRow } from './escrow.repository';

/*
 * The body rules (presale number format, the record's fields, the report) are the request classes of
 * the Rpc map entries (escrow-requests.message.ts of @hn/messages), applied by `@RpcHandler` before a
 * method runs; what is left here needs the caller or the data.
 */

/** A presale number of the caller's regions (403 otherwise), by its region code, before anything is read. */
export function numberInScope(principal: Principal, presaleNumber: string): string {
  assertRegionAllowed(principal, regionOf(presaleNumber), {
    what: `预售许可证 ${presaleNumber}`,
    field: 'presaleNumber',
  });
  return presaleNumber;
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
