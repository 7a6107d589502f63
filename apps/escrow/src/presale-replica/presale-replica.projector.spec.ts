import { Logger } from '@nestjs/common';
import { CloudEvent, PresaleBackfillEvents, PresaleEventPermit, PresaleEvents } from '@hn/messages';
import { presalePermitFixture } from '@hn/testing';
import { PresaleReplicaProjector, replicaRow } from './presale-replica.projector';
import { PresaleReplicaRepository } from './presale-replica.repository';

const Z = '430223202306150101-Z01';
const permit = (over: Record<string, unknown> = {}) => ({
  ...presalePermitFixture(Z, {
    projectCode: '2023-430223-70-03-000001',
    projectName: '锦绣星城一期',
    developer: { name: '攸县锦绣置业有限公司', creditCode: '91430223MA4Q0ABC1F' },
  }),
  ...over,
});
const event = (type: string, data: unknown): CloudEvent<unknown> => ({
  specversion: '1.0',
  id: 'evt-9',
  source: '/hn/presale',
  type,
  subject: Z,
  time: '2026-11-27T00:00:00.000Z',
  datacontenttype: 'application/json',
  data,
});
const correction = (after: unknown) => ({
  recordType: 'PRESALE_PERMIT',
  recordKey: Z,
  regionCode: '430223',
  reason: '项目名称有误',
  documentNumber: '湘建房函〔2026〕9号',
  reportSha256: 'a'.repeat(64),
  correctedBy: 'admin.li',
  correctedAt: '2026-11-27T00:00:00.000Z',
  before: permit(),
  after,
});

describe(replicaRow.name, () => {
  it('keeps the fields escrow needs of a backfilled (Z) permit; Y permits and sandbox records carry none', () => {
    expect(replicaRow(permit() as PresaleEventPermit)).toEqual({
      presaleNumber: Z,
      regionCode: '430223',
      projectCode: '2023-430223-70-03-000001',
      projectName: '锦绣星城一期',
      developerName: '攸县锦绣置业有限公司',
      issueDate: '2023-06-15',
      status: 'VALID',
    });
    expect(
      replicaRow(permit({ presaleNumber: '430223202306150101-Y01', letter: 'Y' }) as PresaleEventPermit),
    ).toBeNull();
    expect(replicaRow(permit({ sandbox: true }) as PresaleEventPermit)).toBeNull();
  });
});

describe(PresaleReplicaProjector.name, () => {
  let repository: jest.Mocked<Pick<PresaleReplicaRepository, 'upsert' | 'moveRecordRegion'>>;
  let projector: PresaleReplicaProjector;
  let warn: jest.SpyInstance;
  const m = {} as never;

  beforeEach(() => {
    repository = { upsert: jest.fn().mockResolvedValue(undefined), moveRecordRegion: jest.fn().mockResolvedValue(0) };
    projector = new PresaleReplicaProjector(repository as unknown as PresaleReplicaRepository);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('applies a valid backfill and a valid correction (the corrected permit in `after`)', async () => {
    await projector.apply(event(PresaleBackfillEvents.permitBackfilled, { permit: permit(), backfilledBy: 'x' }), m);
    await projector.apply(
      event(
        PresaleBackfillEvents.permitCorrected,
        correction(permit({ projectName: '锦绣星城（一期）', status: 'CORRECTED' })),
      ),
      m,
    );
    expect(repository.upsert.mock.calls.map((c) => [c[1].projectName, c[1].status, c[2]])).toEqual([
      ['锦绣星城一期', 'VALID', '2026-11-27T00:00:00.000Z'],
      ['锦绣星城（一期）', 'CORRECTED', '2026-11-27T00:00:00.000Z'],
    ]);
    expect(repository.moveRecordRegion).toHaveBeenCalledWith(m, Z);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a region that is no code',
      PresaleBackfillEvents.permitBackfilled,
      { permit: permit({ regionCode: 43 }), backfilledBy: 'x' },
      'permit.regionCode',
    ],
    [
      'no issue date',
      PresaleBackfillEvents.permitBackfilled,
      { permit: permit({ issueDate: undefined }), backfilledBy: 'x' },
      'permit.issueDate',
    ],
    ['no data', PresaleBackfillEvents.permitBackfilled, undefined, 'data'],
    [
      'a wrapped corrected permit',
      PresaleBackfillEvents.permitCorrected,
      correction({ permit: permit() }),
      'after.permit',
    ],
  ])(
    'skips a backfill or correction with %s whole, naming the event and the field',
    async (_what, type, data, field) => {
      await projector.apply(event(type, data), m);
      expect(repository.upsert).not.toHaveBeenCalled();
      expect(repository.moveRecordRegion).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('event evt-9: '));
      expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining(`${field} (`));
    },
  );

  it('ignores issued Y permits without validating them', async () => {
    await projector.apply(event(PresaleEvents.permitIssued, { permit: {} }), m);
    expect(repository.upsert).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
