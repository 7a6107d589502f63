import { Logger } from '@nestjs/common';
import {
  AcceptanceRecordedEvent,
  AlertsEvents,
  CloudEvent,
  PermitRegisteredEvent,
  PermitsEvents,
  validateEvent,
} from '@hn/messages';
import { acceptanceBackfillFixture } from '@hn/testing';
import { EntityManager } from 'typeorm';
import { BuildingUnit } from '../construction-permits/entities/building-unit.entity';
import { ConstructionPermit } from '../construction-permits/entities/construction-permit.entity';
import { Project } from '../construction-permits/entities/project.entity';
import { ConstructionPermitsRepository } from '../construction-permits/construction-permits.repository';
import { AcceptanceGovernance } from './entities/acceptance-governance.entity';
import { AcceptanceGovernanceService } from './acceptance-governance.service';

const PERMIT = '430223202406200101';
const stored = (): ConstructionPermit =>
  Object.assign(new ConstructionPermit(), {
    permitNumber: PERMIT,
    projectCode: '2024-430223-70-03-012345',
    projectName: '锦绣星城三期',
    regionCode: '430223',
    issueDate: '2024-06-20',
    startDate: '2024-07-01',
    plannedCompletionDate: '2026-06-30',
    fivePartyAcceptanceDate: null,
    completionFilingDate: null,
    status: 'VALID',
    createdAt: new Date(),
    updatedAt: new Date(),
  });
const project = Object.assign(new Project(), {
  projectCode: '2024-430223-70-03-012345',
  name: '锦绣星城三期',
  regionCode: '430223',
  developerName: '攸县锦绣置业有限公司',
  developerCreditCode: '91430223MA4Q0ABC1F',
  projectType: 'PRESALE',
  category: '社会投资房建类',
  createdAt: new Date(),
  updatedAt: new Date(),
});
const approved = (data: unknown): CloudEvent<unknown> => ({
  specversion: '1.0',
  id: 'evt-3',
  source: '/hn/alerts',
  type: AlertsEvents.acceptanceBackfillApproved,
  subject: PERMIT,
  time: '2026-11-02T01:00:00.000Z',
  datacontenttype: 'application/json',
  data,
});

describe(AcceptanceGovernanceService.name, () => {
  let saved: ConstructionPermit[];
  let governance: unknown[];
  let outbox: Array<CloudEvent<unknown>>;
  let m: EntityManager;
  let warn: jest.SpyInstance;
  const service = new AcceptanceGovernanceService({
    lockProjectAndPermit: async () => undefined,
  } as unknown as ConstructionPermitsRepository);

  beforeEach(() => {
    saved = [];
    governance = [];
    outbox = [];
    const repositories = new Map<unknown, unknown>([
      [ConstructionPermit, { findOne: async () => stored(), save: async (p: ConstructionPermit) => saved.push(p) }],
      [AcceptanceGovernance, { insert: async (row: unknown) => governance.push(row) }],
      [Project, { findOne: async () => project }],
      [BuildingUnit, { find: async () => [] }],
    ]);
    m = {
      getRepository: (entity: unknown) => repositories.get(entity),
      query: async (_sql: string, params: unknown[]) => void outbox.push(JSON.parse(params[2] as string)),
    } as unknown as EntityManager;
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('records a valid approved backfill and publishes the permit and acceptance events the consumers accept', async () => {
    await service.apply(approved({ backfill: acceptanceBackfillFixture({ id: 'b1', permitNumber: PERMIT }) }), m);
    expect(saved.map((p) => p.fivePartyAcceptanceDate)).toEqual(['2026-10-28']);
    expect(governance).toEqual([
      expect.objectContaining({ backfillId: 'b1', kind: 'FIVE_PARTY', approvedBy: 'province.e' }),
    ]);
    expect(outbox.map((e) => e.type)).toEqual([PermitsEvents.permitUpdated, PermitsEvents.acceptanceRecorded]);
    expect((await validateEvent(PermitRegisteredEvent, outbox[0]!.data)).errors).toEqual([]);
    expect((await validateEvent(AcceptanceRecordedEvent, outbox[1]!.data)).errors).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [
      'backfill.kind',
      { backfill: { ...acceptanceBackfillFixture({ id: 'b1', permitNumber: PERMIT }), kind: 'ONLINE' } },
    ],
    ['backfill.date', { backfill: acceptanceBackfillFixture({ id: 'b1', permitNumber: PERMIT, date: '2026-02-30' }) }],
    ['backfill.scan', { backfill: { ...acceptanceBackfillFixture({ id: 'b1', permitNumber: PERMIT }), scan: null } }],
    ['data', undefined],
  ])('skips an approved backfill with a bad %s whole, naming the event and the field', async (field, data) => {
    await service.apply(approved(data), m);
    expect(saved).toEqual([]);
    expect(governance).toEqual([]);
    expect(outbox).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('event evt-3: '));
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining(`${field} (`));
  });
});
