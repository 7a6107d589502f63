import {
  EscrowCorrectedRecord,
  EscrowRecordInput,
  EscrowRecordInputV1,
  escrowInputOf,
  FieldError,
  Principal,
  validateMessage,
} from '@hn/messages';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { parsePresaleNumber } from '@hn/numbering';
import { EscrowErrors } from './escrow.exception';
import { PresaleRow } from './escrow.repository';

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

/**
 * The record validated with its message class, as the gateway validates the PUT body: the same
 * 422 INCOMPLETE_SUBMISSION field list whether it came through the gateway or straight over NATS.
 */
export async function checkInput(record: unknown): Promise<EscrowRecordInputV1> {
  const checked = await validateMessage(EscrowRecordInput, record);
  if (!checked.ok) throw EscrowErrors.incomplete(checked.errors);
  return escrowInputOf(checked.value);
}

/** The corrected record of a correction, its problems under `record` as the gateway reports them. */
export async function correctionRecordCheck(
  record: unknown,
): Promise<{ value: EscrowRecordInputV1 | null; errors: FieldError[] }> {
  const checked = await validateMessage(EscrowCorrectedRecord, { record });
  return checked.ok
    ? { value: escrowInputOf(checked.value.record), errors: [] }
    : { value: null, errors: checked.errors };
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
