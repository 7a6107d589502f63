import { CloudEvent, PresalePermitV1 } from '@hn/messages';
import { permitOfEvent, PresaleReplicaProjector } from './presale-replica.projector';
import { PresaleReplicaRepository } from './presale-replica.repository';

const permit = (presaleNumber: string, overrides: Partial<PresalePermitV1> = {}): PresalePermitV1 =>
  ({
    presaleNumber,
    regionCode: '430223',
    projectCode: 'P1',
    projectName: '东岸华府',
    buildings: [' 1# '],
    issueDate: '2024-06-18',
    status: 'VALID',
    sandbox: false,
    ...overrides,
  }) as PresalePermitV1;
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

describe(PresaleReplicaProjector.name, () => {
  it('reads the permit of issued, backfilled and corrected events', () => {
    expect(
      permitOfEvent(event('hn.presale.permit.issued.v1', { permit: permit('430223202406200101-Y01') }))?.presaleNumber,
    ).toBe('430223202406200101-Y01');
    expect(
      permitOfEvent(
        event('hn.presale.permit.backfilled.v1', { permit: permit('430223202405100101-Z01'), backfilledBy: 'x' }),
      )?.presaleNumber,
    ).toBe('430223202405100101-Z01');
    const corrected = permit('430223202405100101-Z01', { projectName: '东岸华府（二期）', status: 'CORRECTED' });
    expect(
      permitOfEvent(event('hn.presale.permit.corrected.v1', { recordType: 'PRESALE_PERMIT', after: corrected })),
    ).toMatchObject({ projectName: '东岸华府（二期）', status: 'CORRECTED' });
    expect(
      permitOfEvent(
        event('hn.presale.permit.corrected.v1', { recordType: 'PRESALE_PERMIT', after: { permit: corrected } }),
      ),
    ).toMatchObject({ status: 'CORRECTED' });
  });

  it('ignores other events and corrections of other record types', () => {
    expect(permitOfEvent(event('hn.presale.unpermitted-project.registered.v1', { project: {} }))).toBeNull();
    expect(
      permitOfEvent(
        event('hn.presale.permit.corrected.v1', { recordType: 'ESCROW', after: permit('430223202405100101-Z01') }),
      ),
    ).toBeNull();
  });

  it('upserts the replica row with trimmed buildings under the source_time guard, and skips sandbox permits', async () => {
    const calls: Array<{ sql: string; params: unknown[] }> = [];
    const manager = { query: async (sql: string, params: unknown[]) => void calls.push({ sql, params }) };
    const projector = new PresaleReplicaProjector(new PresaleReplicaRepository());
    await projector.apply(
      event('hn.presale.permit.backfilled.v1', { permit: permit('430223202405100101-Z01') }),
      manager as never,
    );
    await projector.apply(
      event('hn.presale.permit.issued.v1', { permit: permit('430223202406200101-Y01', { sandbox: true }) }),
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
  });
});
