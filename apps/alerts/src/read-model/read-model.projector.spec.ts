import { Logger } from '@nestjs/common';
import { CloudEvent, PermitsEvents } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { ReadModelProjector } from './read-model.projector';
import { ReadModelRepository } from './read-model.repository';

const permit = {
  permitNumber: '430223202501100101',
  projectCode: '2025-430223-70-03-000101',
  projectName: '测试项目',
  regionCode: '430223',
  projectType: 'PRESALE',
  category: '房屋建筑',
  developerName: '攸县测试置业有限公司',
  developerCreditCode: '91430223MA4Q0ABC1F',
  issueDate: '2025-01-10',
  startDate: '2025-02-01',
  plannedCompletionDate: '2026-06-30',
  fivePartyAcceptanceDate: null,
  completionFilingDate: null,
  status: 'VALID',
};
const event = (type: string, data: unknown): CloudEvent<unknown> => ({
  specversion: '1.0',
  id: 'evt-1',
  source: '/hn/permits',
  type,
  subject: 'x',
  time: '2026-11-02T01:00:00.000Z',
  datacontenttype: 'application/json',
  data,
});

describe(ReadModelProjector.name, () => {
  const m = {} as EntityManager;
  let repo: jest.Mocked<
    Pick<ReadModelRepository, 'upsertPermit' | 'upsertProject' | 'upsertAcceptance' | 'permitsOfProject'>
  >;
  let projector: ReadModelProjector;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    repo = {
      upsertPermit: jest.fn().mockResolvedValue(undefined),
      upsertProject: jest.fn().mockResolvedValue(undefined),
      upsertAcceptance: jest.fn().mockResolvedValue(undefined),
      permitsOfProject: jest.fn().mockResolvedValue([permit.permitNumber]),
    };
    projector = new ReadModelProjector(repo as unknown as ReadModelRepository);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('projects a valid permit event whole', async () => {
    const keys = await projector.apply(event(PermitsEvents.permitRegistered, { permit, units: [] }), m);
    expect(repo.upsertPermit).toHaveBeenCalledWith(
      m,
      expect.objectContaining({
        permitNumber: permit.permitNumber,
        status: 'VALID',
        plannedCompletionDate: '2026-06-30',
      }),
      { at: '2026-11-02T01:00:00.000Z', eventId: 'evt-1' },
    );
    expect(repo.upsertProject).toHaveBeenCalledWith(
      m,
      expect.objectContaining({ typedAtRegistration: true }),
      expect.anything(),
    );
    expect([...keys.permits]).toEqual([permit.permitNumber]);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [
      PermitsEvents.permitUpdated,
      { permit: { ...permit, plannedCompletionDate: '2026-02-30' }, units: [] },
      'permit.plannedCompletionDate',
    ],
    [
      PermitsEvents.projectTyped,
      {
        projectCode: permit.projectCode,
        projectName: 'x',
        regionCode: '430223',
        previousType: null,
        projectType: 'SHOP',
        permitNumbers: [],
      },
      'projectType',
    ],
    [
      PermitsEvents.acceptanceRecorded,
      {
        permitNumber: permit.permitNumber,
        projectCode: permit.projectCode,
        regionCode: '430223',
        fivePartyAcceptanceDate: '2026-11-03',
      },
      'completionFilingDate',
    ],
    [PermitsEvents.permitRegistered, undefined, 'data'],
  ])('skips an invalid %s event, touching nothing, and names the event and the field', async (type, data, field) => {
    const keys = await projector.apply(event(type, data), m);
    expect(repo.upsertPermit).not.toHaveBeenCalled();
    expect(repo.upsertProject).not.toHaveBeenCalled();
    expect(repo.upsertAcceptance).not.toHaveBeenCalled();
    expect(keys.permits.size).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('evt-1'));
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining(`${field} (`));
  });

  it('skips a sandbox permit without a warning', async () => {
    await projector.apply(
      event(PermitsEvents.permitRegistered, { permit: { ...permit, sandbox: true }, units: [] }),
      m,
    );
    expect(repo.upsertPermit).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
