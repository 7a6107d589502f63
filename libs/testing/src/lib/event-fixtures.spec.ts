import {
  AcceptanceBackfillApprovedEvent,
  ContractFilingCancelledEvent,
  ContractFilingFiledEvent,
  EscrowRecordCorrectedEvent,
  EscrowRecordedEvent,
  PresalePermitBackfilledEvent,
  PresalePermitCorrectedEvent,
  PresalePermitIssuedEvent,
  ReconciliationDifferenceFoundEvent,
  UnpermittedProjectRegisteredEvent,
  validateEvent,
} from '@hn/messages';
import {
  acceptanceBackfillFixture,
  contractFilingFixture,
  escrowRecordFixture,
  presalePermitFixture,
  recordCorrectionFixture,
  reconciliationDifferenceFixture,
  unpermittedProjectFixture,
} from './event-fixtures';

const errors = async (type: new () => object, data: unknown) => (await validateEvent(type, data)).errors;

describe(presalePermitFixture.name, () => {
  it('and the other fixtures pass the message classes the consumers validate with', async () => {
    expect(await errors(PresalePermitIssuedEvent, { permit: presalePermitFixture('430223202406200101-Y01') })).toEqual(
      [],
    );
    expect(
      await errors(PresalePermitBackfilledEvent, {
        permit: presalePermitFixture('430223201906200101-Z12'),
        backfilledBy: 'youxian.a',
      }),
    ).toEqual([]);
    expect(await errors(EscrowRecordedEvent, { record: escrowRecordFixture('430223201906200101-Z01') })).toEqual([]);
    expect(
      await errors(ReconciliationDifferenceFoundEvent, {
        difference: reconciliationDifferenceFixture({
          id: '6f1c2a4e-0000-4000-8000-000000000001',
          presaleNumber: '430223202406200101-Y01',
        }),
      }),
    ).toEqual([]);
    expect(
      await errors(UnpermittedProjectRegisteredEvent, {
        project: unpermittedProjectFixture({ id: '6f1c2a4e-0000-4000-8000-000000000002' }),
      }),
    ).toEqual([]);
    expect(
      await errors(AcceptanceBackfillApprovedEvent, {
        backfill: acceptanceBackfillFixture({ id: 'b1', permitNumber: '430223202406200101' }),
      }),
    ).toEqual([]);
    const contract = '430223202406200101-Y01-B0012';
    expect(await errors(ContractFilingFiledEvent, { filing: contractFilingFixture(contract) })).toEqual([]);
    const cancellation = { reason: '买受人退房', cancelledAt: '2026-11-03T01:00:00.000Z', cancelledBy: 'x' };
    expect(
      await errors(ContractFilingCancelledEvent, {
        filing: contractFilingFixture(contract, { status: 'CANCELLED', cancellation }),
      }),
    ).toEqual([]);
    const Z = '430223201906200101-Z01';
    const before = presalePermitFixture(Z);
    expect(
      await errors(PresalePermitCorrectedEvent, {
        ...recordCorrectionFixture(Z),
        recordType: 'PRESALE_PERMIT',
        before,
        after: { ...before, status: 'CORRECTED' },
      }),
    ).toEqual([]);
    expect(
      await errors(EscrowRecordCorrectedEvent, {
        ...recordCorrectionFixture(Z),
        recordType: 'ESCROW',
        before: escrowRecordFixture(Z),
        after: escrowRecordFixture(Z, { version: 2 }),
      }),
    ).toEqual([]);
  });
});
