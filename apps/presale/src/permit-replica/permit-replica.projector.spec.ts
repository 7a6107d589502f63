import { Logger } from '@nestjs/common';
import { CloudEvent, PermitsEvents } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { PermitReplicaProjector } from './permit-replica.projector';
import { PermitReplicaRepository } from './permit-replica.repository';

const permit = {
  permitNumber: '430223202406200101',
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期（22#栋）',
  regionCode: '430223',
  projectType: 'PRESALE',
  category: '社会投资房建类',
  developerName: '攸县锦绣置业有限公司',
  developerCreditCode: '91430223MA4Q0ABC1F',
  issueDate: '2024-06-20',
  startDate: null,
  plannedCompletionDate: null,
  fivePartyAcceptanceDate: null,
  completionFilingDate: null,
  status: 'VALID',
};
const event = (type: string, data: unknown): CloudEvent<unknown> => ({
  specversion: '1.0',
  id: 'evt-7',
  source: '/hn/permits',
  type,
  subject: 'x',
  time: '2026-11-02T01:00:00.000Z',
  datacontenttype: 'application/json',
  data,
});

describe(PermitReplicaProjector.name, () => {
  const m = {} as EntityManager;
  let replica: jest.Mocked<
    Pick<PermitReplicaRepository, 'upsertPermit' | 'fillMissingDeveloper' | 'replaceUnits' | 'typeProject'>
  >;
  let projector: PermitReplicaProjector;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    replica = {
      upsertPermit: jest.fn().mockResolvedValue(true),
      fillMissingDeveloper: jest.fn().mockResolvedValue(undefined),
      replaceUnits: jest.fn().mockResolvedValue(undefined),
      typeProject: jest.fn().mockResolvedValue(undefined),
    };
    projector = new PermitReplicaProjector(replica as unknown as PermitReplicaRepository);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('applies a valid permit event: the permit, then its unit codes', async () => {
    const units = [{ unitCode: 'DT022', name: '22#栋', floors: 33, floorArea: 12345.67 }];
    await projector.apply(event(PermitsEvents.permitRegistered, { permit, units }), m);
    expect(replica.upsertPermit).toHaveBeenCalledWith(
      m,
      expect.objectContaining({ permitNumber: permit.permitNumber }),
      '2026-11-02T01:00:00.000Z',
    );
    expect(replica.replaceUnits).toHaveBeenCalledWith(m, permit.permitNumber, ['DT022']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('skips an invalid permit or project-typed event whole, naming the event and the fields', async () => {
    await projector.apply(
      event(PermitsEvents.permitUpdated, { permit: { ...permit, developerName: undefined }, units: [{}] }),
      m,
    );
    await projector.apply(event(PermitsEvents.projectTyped, { projectCode: permit.projectCode }), m);
    expect(replica.upsertPermit).not.toHaveBeenCalled();
    expect(replica.replaceUnits).not.toHaveBeenCalled();
    expect(replica.typeProject).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('evt-7'));
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('permit.developerName ('));
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('units[0].unitCode ('));
    expect(warn.mock.calls[1]![0]).toEqual(expect.stringContaining('regionCode ('));
  });

  it('ignores the other permits events', async () => {
    await projector.apply(event(PermitsEvents.acceptanceRecorded, { anything: true }), m);
    expect(warn).not.toHaveBeenCalled();
    expect(replica.upsertPermit).not.toHaveBeenCalled();
  });
});
