import {
  AcceptanceBackfillApprovedEvent,
  EscrowRecordedEvent,
  PresalePermitBackfilledEvent,
  PresalePermitIssuedEvent,
  ReconciliationDifferenceFoundEvent,
  UnpermittedProjectRegisteredEvent,
  validateEvent,
} from '@hn/messages';
import {
  acceptanceBackfillFixture,
  escrowRecordFixture,
  presalePermitFixture,
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
  });
});
