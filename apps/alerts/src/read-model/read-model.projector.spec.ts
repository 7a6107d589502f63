import { Logger } from '@nestjs/common';
import {
  CloudEvent,
  EscrowEvents,
  PermitsEvents,
  PresaleBackfillEvents,
  PresaleEvents,
  ReconciliationEvents,
} from '@hn/messages';
import {
  escrowRecordFixture,
  presalePermitFixture,
  reconciliationDifferenceFixture,
  unpermittedProjectFixture,
} from '@hn/testing';
import { EntityManager } from 'typeorm';
import { ReadModelProjector } from './read-model.projector';
import { ReadModelRepository } from './read-model.repository';
import { ApprovalStageRepository } from './approval-stage.repository';

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
    Pick<
      ReadModelRepository,
      | 'upsertPermit'
      | 'upsertProject'
      | 'upsertAcceptance'
      | 'permitsOfProject'
      | 'upsertPresale'
      | 'presalePermitNumbers'
      | 'differencesOfPresale'
      | 'backfillSubmittedAt'
      | 'markPresaleSuperseded'
      | 'insertUnpermitted'
      | 'upsertDifference'
      | 'upsertEscrow'
    >
  >;
  let projector: ReadModelProjector;
  let approvals: { overdue: jest.Mock; ended: jest.Mock };
  let warn: jest.SpyInstance;

  beforeEach(() => {
    repo = {
      upsertPermit: jest.fn().mockResolvedValue(undefined),
      upsertProject: jest.fn().mockResolvedValue(undefined),
      upsertAcceptance: jest.fn().mockResolvedValue(undefined),
      permitsOfProject: jest.fn().mockResolvedValue([permit.permitNumber]),
      upsertPresale: jest.fn().mockResolvedValue(undefined),
      presalePermitNumbers: jest.fn().mockResolvedValue([]),
      differencesOfPresale: jest.fn().mockResolvedValue([]),
      backfillSubmittedAt: jest.fn().mockResolvedValue('2026-10-01T00:00:00.000Z'),
      markPresaleSuperseded: jest.fn().mockResolvedValue(undefined),
      insertUnpermitted: jest.fn().mockResolvedValue(undefined),
      upsertDifference: jest.fn().mockResolvedValue(undefined),
      upsertEscrow: jest.fn().mockResolvedValue(undefined),
    };
    approvals = { overdue: jest.fn().mockResolvedValue(undefined), ended: jest.fn().mockResolvedValue(undefined) };
    projector = new ReadModelProjector(
      repo as unknown as ReadModelRepository,
      approvals as unknown as ApprovalStageRepository,
    );
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

  const Z = '430223202501100101-Z01';
  const difference = reconciliationDifferenceFixture({
    id: '6f1c2a4e-0000-4000-8000-000000000001',
    presaleNumber: '430223202501100101-Y01',
  });
  const corrected = (after: unknown) => ({
    recordType: 'PRESALE_PERMIT',
    recordKey: Z,
    regionCode: '430223',
    reason: '项目名称有误',
    documentNumber: '湘建房函〔2026〕9号',
    reportSha256: 'a'.repeat(64),
    correctedBy: 'admin.li',
    correctedAt: '2026-11-02T01:00:00.000Z',
    before: presalePermitFixture(Z),
    after,
  });
  const writes = () =>
    [
      repo.upsertPresale,
      repo.markPresaleSuperseded,
      repo.insertUnpermitted,
      repo.upsertDifference,
      repo.upsertEscrow,
    ].reduce((n, f) => n + f.mock.calls.length, 0);

  it('projects valid presale, unpermitted, difference and escrow events', async () => {
    const issued = await projector.apply(
      event(PresaleEvents.permitIssued, { permit: presalePermitFixture('430223202501100101-Y01') }),
      m,
    );
    expect(repo.upsertPresale).toHaveBeenLastCalledWith(
      m,
      expect.objectContaining({ presaleNumber: '430223202501100101-Y01', letter: 'Y', backfillSubmittedAt: null }),
      expect.anything(),
    );
    expect([...issued.presales]).toEqual(['430223202501100101-Y01']);
    await projector.apply(
      event(PresaleBackfillEvents.permitBackfilled, { permit: presalePermitFixture(Z), backfilledBy: 'youxian.a' }),
      m,
    );
    expect(repo.upsertPresale).toHaveBeenLastCalledWith(
      m,
      expect.objectContaining({ presaleNumber: Z, backfillSubmittedAt: '2026-11-02T01:00:00.000Z' }),
      expect.anything(),
    );
    const Z2 = '430223202501100101-Z02';
    const moved = await projector.apply(
      event(PresaleBackfillEvents.permitCorrected, corrected(presalePermitFixture(Z2, { status: 'CORRECTED' }))),
      m,
    );
    expect(repo.markPresaleSuperseded).toHaveBeenCalledWith(m, Z, expect.anything());
    expect([...moved.presales].sort()).toEqual([Z, Z2]);
    const project = unpermittedProjectFixture({ id: '6f1c2a4e-0000-4000-8000-000000000002' });
    const registered = await projector.apply(event(PresaleBackfillEvents.unpermittedRegistered, { project }), m);
    expect([...registered.unpermitted]).toEqual([project.id]);
    const resolved = await projector.apply(event(ReconciliationEvents.differenceResolved, { difference }), m);
    expect(repo.upsertDifference).toHaveBeenCalledWith(
      m,
      expect.objectContaining({ id: difference.id, state: 'RESOLVED', month: '2026-10' }),
      expect.anything(),
    );
    expect([...resolved.differences]).toEqual([difference.id]);
    await projector.apply(
      event(EscrowEvents.recordRecorded, { record: escrowRecordFixture(Z, { fundSupervision: false }) }),
      m,
    );
    expect(repo.upsertEscrow).toHaveBeenCalledWith(
      m,
      { presaleNumber: Z, regionCode: '430223', fundSupervision: false, state: 'SUBMITTED' },
      expect.anything(),
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [
      PresaleEvents.permitIssued,
      { permit: presalePermitFixture('430223202501100101-Y01', { constructionPermitNumbers: ['x'] }) },
      'permit.constructionPermitNumbers[0]',
    ],
    [PresaleBackfillEvents.permitBackfilled, { permit: presalePermitFixture(Z) }, 'backfilledBy'],
    [PresaleBackfillEvents.permitCorrected, corrected({ permit: presalePermitFixture(Z) }), 'after.permit'],
    [
      PresaleBackfillEvents.unpermittedRegistered,
      { project: { ...unpermittedProjectFixture({ id: 'u1' }), regionCode: 'x' } },
      'project.regionCode',
    ],
    [ReconciliationEvents.differenceFound, { difference: { ...difference, countDelta: 0.5 } }, 'difference.countDelta'],
    [
      EscrowEvents.recordRecorded,
      { record: { ...escrowRecordFixture(Z), fundSupervision: 1 } },
      'record.fundSupervision',
    ],
    [
      EscrowEvents.recordCorrected,
      { ...corrected(escrowRecordFixture(Z)), recordType: 'ESCROW', after: null },
      'after',
    ],
  ])('skips an invalid %s event whole, naming the event and the field', async (type, data, field) => {
    const keys = await projector.apply(event(type, data), m);
    expect(writes()).toBe(0);
    expect(keys.presales.size + keys.permits.size + keys.unpermitted.size + keys.differences.size).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining(`${type} event evt-1: `));
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining(`${field} (`));
  });

  it('skips a sandbox presale permit and events it does not project without a warning', async () => {
    await projector.apply(
      event(PresaleEvents.permitIssued, { permit: presalePermitFixture('430223202501100101-Y01', { sandbox: true }) }),
      m,
    );
    await projector.apply(event('hn.contracts.filing.filed.v1', { filing: null }), m);
    expect(writes()).toBe(0);
    expect(warn).not.toHaveBeenCalled();
  });

  it('projects the approval overdue events by case and stage and skips an invalid one whole', async () => {
    const applicationId = '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b';
    const overdue = {
      applicationId,
      projectCode: '2024-430223-70-03-012345',
      projectName: '锦绣星城三期',
      regionCode: '430223',
      stage: 'PRELIMINARY_REVIEW',
      committedDays: 2,
      statutoryDays: 3,
      elapsedDays: 2,
      overdueAt: '2025-09-24T01:00:00.000Z',
    };
    const keys = await projector.apply(event('hn.permits.application.overdue.v1', overdue), m);
    expect(approvals.overdue).toHaveBeenCalledWith(m, expect.objectContaining(overdue));
    expect([...keys.approvals]).toEqual([`${applicationId}/PRELIMINARY_REVIEW`]);
    const ended = {
      applicationId,
      regionCode: '430223',
      stage: 'PRELIMINARY_REVIEW',
      action: 'PASS',
      endedAt: '2025-09-25T01:00:00.000Z',
    };
    expect([...(await projector.apply(event('hn.permits.application.overdue-ended.v1', ended), m)).approvals]).toEqual([
      `${applicationId}/PRELIMINARY_REVIEW`,
    ]);
    expect(approvals.ended).toHaveBeenCalledTimes(1);
    const bad = await projector.apply(event('hn.permits.application.overdue.v1', { ...overdue, stage: 'LUNCH' }), m);
    expect(bad.approvals.size).toBe(0);
    expect(approvals.overdue).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toEqual(expect.stringContaining('stage ('));
  });
});
