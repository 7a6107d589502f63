import { Logger } from '@nestjs/common';
import { CloudEvent, PresaleBackfillEvents, PresaleEvents, PresalePermitV1 } from '@hn/messages';
import { presalePermitFixture } from '@hn/testing';
import { permitOfEvent, PresaleReplicaProjector } from './presale-replica.projector';
import { PresaleReplicaRepository } from './presale-replica.repository';

const permit = (presaleNumber: string, over: Partial<PresalePermitV1> = {}): PresalePermitV1 =>
  presalePermitFixture(presaleNumber, {
    projectCode: 'P1',
    projectName: '东岸华府',
    buildings: [' 1# '],
    issueDate: '2024-06-18',
    ...over,
  });
const event = (type: string, data: unknown): CloudEvent<unknown> =>
  ({
    id: 'e1',
    source: '/hn/presale',
    type,
    subject: 's',
    time: '2026-11-27T00:00:00.000Z',
    specversion: '1.0',
    datacontenttype: 'application/json',
    data,
  }) as CloudEvent<unknown>;
const correction = (after: unknown, over: Record<string, unknown> = {}) => ({
  recordType: 'PRESALE_PERMIT',
  recordKey: '430223202405100101-Z01',
  regionCode: '430223',
  reason: '项目名称有误',
  documentNumber: '湘建房函〔2026〕9号',
  reportSha256: 'a'.repeat(64),
  correctedBy: 'admin.li',
  correctedAt: '2026-11-27T00:00:00.000Z',
  before: permit('430223202405100101-Z01'),
  after,
  ...over,
});

describe(PresaleReplicaProjector.name, () => {
  let warn: jest.SpyInstance;
  const logger = new Logger('spec');
  beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  it('reads the permit of issued, backfilled and corrected events', async () => {
    expect(
      (await permitOfEvent(event(PresaleEvents.permitIssued, { permit: permit('430223202406200101-Y01') }), logger))
        ?.presaleNumber,
    ).toBe('430223202406200101-Y01');
    expect(
      (
        await permitOfEvent(
          event(PresaleBackfillEvents.permitBackfilled, {
            permit: permit('430223202405100101-Z01'),
            backfilledBy: 'x',
          }),
          logger,
        )
      )?.presaleNumber,
    ).toBe('430223202405100101-Z01');
    const corrected = permit('430223202405100101-Z01', { projectName: '东岸华府（二期）', status: 'CORRECTED' });
    expect(
      await permitOfEvent(event(PresaleBackfillEvents.permitCorrected, correction(corrected)), logger),
    ).toMatchObject({ projectName: '东岸华府（二期）', status: 'CORRECTED' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('ignores other events; refuses a correction of another record type or with a wrapped permit, logged', async () => {
    expect(
      await permitOfEvent(event('hn.presale.unpermitted-project.registered.v1', { project: {} }), logger),
    ).toBeNull();
    expect(warn).not.toHaveBeenCalled();
    const z = permit('430223202405100101-Z01');
    expect(
      await permitOfEvent(
        event(PresaleBackfillEvents.permitCorrected, correction(z, { recordType: 'ESCROW' })),
        logger,
      ),
    ).toBeNull();
    expect(
      await permitOfEvent(event(PresaleBackfillEvents.permitCorrected, correction({ permit: z })), logger),
    ).toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('event e1: recordType ('));
    expect(warn.mock.calls[1]![0]).toEqual(expect.stringContaining('after.permit ('));
  });

  it('upserts a valid permit with trimmed buildings under the source_time guard; skips sandbox and invalid ones', async () => {
    const calls: Array<{ sql: string; params: unknown[] }> = [];
    const manager = { query: async (sql: string, params: unknown[]) => void calls.push({ sql, params }) };
    const projector = new PresaleReplicaProjector(new PresaleReplicaRepository());
    await projector.apply(
      event(PresaleBackfillEvents.permitBackfilled, { permit: permit('430223202405100101-Z01'), backfilledBy: 'x' }),
      manager as never,
    );
    await projector.apply(
      event(PresaleEvents.permitIssued, { permit: permit('430223202406200101-Y01', { sandbox: true }) }),
      manager as never,
    );
    // invalid: the issue date is not a date, and the whole event is skipped
    await projector.apply(
      event(PresaleEvents.permitIssued, { permit: permit('430223202406200101-Y02', { issueDate: '2024-06-31' }) }),
      manager as never,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.sql).toContain('WHERE r.source_time <= EXCLUDED.source_time');
    expect(calls[0]!.params).toEqual([
      '430223202405100101-Z01',
      '430223',
      'P1',
      '东岸华府',
      ['1#'],
      '2024-06-18',
      'VALID',
      '2026-11-27T00:00:00.000Z',
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('event e1: permit.issueDate ('));
  });
});
