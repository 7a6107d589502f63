import {
  ContractEventFiling,
  ContractFilingCancelledEvent,
  ContractFilingFiledEvent,
} from './contracts-events.message';
import { ContractFilingV1 } from './contract-filings';
import { validateEvent } from './validation/validate-event';

/** A filing as filing-statement.ts publishes it (buildFilingDraft, masked, number and serial added). */
const filing = (): ContractFilingV1 => ({
  contractNumber: '430223202406200101-Y01-B0001',
  presaleNumber: '430223202406200101-Y01',
  serial: 1,
  sandbox: false,
  status: 'ACTIVE',
  regionCode: '430223',
  projectCode: '2024-430223-70-03-012345',
  building: '22#栋',
  rooms: [{ roomNumber: '1-101', floor: 1, floorArea: 89.5 }],
  address: '攸县联星街道锦绣路 8 号 22 栋 1-101',
  buyers: [
    { type: 'PERSON', name: '张伟', idType: 'RESIDENT_ID', idNumber: '430223********1234', phone: '138****5678' },
    { type: 'ORGANIZATION', name: '株洲市某某投资有限公司', creditCode: '91430200MA4L12345X' },
  ],
  contractAmount: 65_000_000,
  payment: { method: 'COMMERCIAL_LOAN', downPayment: 30_000_000, commercialLoan: 35_000_000, providentFundLoan: 0 },
  filingDate: '2026-11-02',
  document: { sha256: 'e'.repeat(64), fileName: '商品房买卖合同.pdf' },
  filedAt: '2026-11-02T01:00:00.000Z',
  cancellation: null,
  piiMasked: true,
});
const fields = async (type: new () => object, data: unknown): Promise<string[]> =>
  (await validateEvent(type, data)).errors.map((e) => e.field);

describe(ContractEventFiling.name, () => {
  it('accepts the filed and the cancelled filing as contracts publishes them', async () => {
    const filed = await validateEvent(ContractFilingFiledEvent, { filing: filing() });
    expect(filed.errors).toEqual([]);
    expect(filed.ok && filed.value.filing.buyers.map((b) => b.constructor.name)).toEqual([
      'ContractEventPersonBuyer',
      'ContractEventOrganizationBuyer',
    ]);
    const cancelled = {
      ...filing(),
      status: 'CANCELLED',
      cancellation: { reason: '买受人退房', cancelledAt: '2026-11-03T01:00:00.000Z', cancelledBy: 'client-01' },
    };
    expect(await fields(ContractFilingCancelledEvent, { filing: cancelled })).toEqual([]);
  });

  it('names broken fields, each buyer by its own kind', async () => {
    const f = filing();
    expect(
      await fields(ContractFilingFiledEvent, {
        filing: {
          ...f,
          contractNumber: '430223202406200101-Y01',
          rooms: [{ roomNumber: '1-101', floor: 1.5, floorArea: 89.5 }],
          buyers: [
            { ...f.buyers[0], idType: 'ID_CARD' },
            { type: 'ORGANIZATION', name: '某公司', creditCode: 'x', phone: '1' },
            { type: 'ROBOT', name: 'x' },
            null,
          ],
          payment: { method: 'FULL', downPayment: 65_000_000 },
          cancellation: { reason: 'x' },
        },
      }),
    ).toEqual([
      'filing.contractNumber',
      'filing.rooms[0].floor',
      'filing.buyers[0].idType',
      'filing.buyers[1].phone',
      'filing.buyers[2].type',
      'filing.buyers[3]',
      'filing.payment.commercialLoan',
      'filing.payment.providentFundLoan',
      'filing.cancellation.cancelledAt',
      'filing.cancellation.cancelledBy',
    ]);
    expect(await fields(ContractFilingFiledEvent, { filing: { ...f, buyers: 'x' } })).toEqual(['filing.buyers']);
  });
});
