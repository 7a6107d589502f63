import {
  AcceptanceRecordedEvent,
  PermitRegisteredEvent,
  PermitUpdatedEvent,
  ProjectCorrectedEvent,
  ProjectTypedEvent,
} from './permits-events.message';
import { invalidFieldsSummary, validateEvent } from './validation/validate-event';
import { AcceptanceRecordedV1, PermitRegisteredV1, ProjectTypedV1 } from './permits';

/** hn.permits.permit.registered.v1 data exactly as permit-upsert.service.ts builds it (toPermitV1 + units). */
const registered = (): PermitRegisteredV1 => ({
  permit: {
    permitNumber: '430223202406200101',
    projectCode: '2024-430223-70-03-012345',
    projectName: '锦绣星城三期（22#栋）',
    regionCode: '430223',
    projectType: 'PRESALE',
    category: '社会投资房建类',
    developerName: '攸县锦绣置业有限公司',
    developerCreditCode: '91430223MA4Q0ABC1F',
    issueDate: '2024-06-20',
    startDate: '2024-07-01',
    plannedCompletionDate: '2026-12-31',
    fivePartyAcceptanceDate: null,
    completionFilingDate: null,
    status: 'VALID',
  },
  units: [{ unitCode: '2024-430223-70-03-012345-DT022', name: '22#栋', floors: 33, floorArea: 12345.67 }],
});
const typed = (): ProjectTypedV1 => ({
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期（22#栋）',
  regionCode: '430223',
  previousType: null,
  projectType: 'PRESALE',
  permitNumbers: ['430223202406200101', '430223202406200201'],
});
/** as acceptance-governance.service.ts publishes it (the ingest sends the same without source/backfillId) */
const acceptance = (): AcceptanceRecordedV1 => ({
  permitNumber: '430223202406200101',
  projectCode: '2024-430223-70-03-012345',
  regionCode: '430223',
  fivePartyAcceptanceDate: '2026-11-03',
  completionFilingDate: null,
  source: 'GOVERNANCE',
  backfillId: '6f1c2a8e-3b4d-4c5e-9f60-7a8b9c0d1e2f',
});
const fields = async (type: new () => object, data: unknown): Promise<string[]> =>
  (await validateEvent(type, data)).errors.map((e) => e.field);

describe(PermitRegisteredEvent.name, () => {
  it('accepts a permit event as permits publishes it, with and without units, sandbox or acceptance dates', async () => {
    const result = await validateEvent(PermitRegisteredEvent, registered());
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toBeInstanceOf(PermitRegisteredEvent);
    expect(result.ok && result.value.permit.permitNumber).toBe('430223202406200101');
    expect(await fields(PermitUpdatedEvent, { ...registered(), units: [] })).toEqual([]);
    const p = registered().permit;
    expect(
      await fields(PermitRegisteredEvent, {
        permit: { ...p, sandbox: true, projectType: null, fivePartyAcceptanceDate: '2026-11-03', status: 'REVOKED' },
        units: [],
      }),
    ).toEqual([]);
  });

  it('names every broken field, nested paths included', async () => {
    const p = registered().permit;
    const data = {
      permit: {
        ...p,
        permitNumber: '43022320240620010',
        regionCode: '999999',
        projectType: 'SHOP',
        issueDate: '2024-02-30',
        startDate: '',
        status: undefined,
        sandbox: false,
      },
      units: [{ unitCode: 'bad code!', name: 7, floors: 1.5, floorArea: 'x' }],
    };
    const result = await validateEvent(PermitRegisteredEvent, data);
    expect(result.errors.map((e) => e.field).sort()).toEqual(
      [
        'permit.permitNumber',
        'permit.regionCode',
        'permit.projectType',
        'permit.issueDate',
        'permit.startDate',
        'permit.status',
        'permit.sandbox',
        'units[0].unitCode',
        'units[0].name',
        'units[0].floors',
        'units[0].floorArea',
      ].sort(),
    );
    expect(result.errors.find((e) => e.field === 'permit.permitNumber')!.reason).toContain('WRONG_LENGTH');
    expect(invalidFieldsSummary(result)).toContain('permit.regionCode (');
  });

  it('refuses unknown fields (the producers send exactly these), missing parts and non-objects', async () => {
    const p = registered().permit;
    expect(await fields(PermitRegisteredEvent, { ...registered(), extra: 1 })).toEqual(['extra']);
    expect(await fields(PermitRegisteredEvent, { permit: { ...p, units: [] }, units: [] })).toEqual(['permit.units']);
    expect(await fields(PermitRegisteredEvent, { units: [] })).toEqual(['permit']);
    expect(await fields(PermitRegisteredEvent, { permit: 'x', units: {} })).toEqual(['permit', 'units']);
    expect(await fields(PermitRegisteredEvent, undefined)).toEqual(['data']);
    expect(await fields(PermitRegisteredEvent, [registered()])).toEqual(['body']);
  });

  it('does not refuse a permit number for the consumer clock (issue dates ahead of today still parse)', async () => {
    const p = registered().permit;
    expect(
      await fields(PermitRegisteredEvent, { permit: { ...p, permitNumber: '430223209901010101' }, units: [] }),
    ).toEqual([]);
  });
});

describe(ProjectTypedEvent.name, () => {
  it('accepts the event as the upsert and the marking submit/correction publish it', async () => {
    expect(await fields(ProjectTypedEvent, typed())).toEqual([]);
    expect(
      await fields(ProjectTypedEvent, { ...typed(), previousType: 'OTHER', projectType: null, permitNumbers: [] }),
    ).toEqual([]);
  });

  it('names broken fields, each bad permit number under its index', async () => {
    expect(
      await fields(ProjectTypedEvent, {
        ...typed(),
        projectCode: '',
        regionCode: 430223,
        previousType: undefined,
        permitNumbers: ['430223202406200101', 'x', 5],
      }),
    ).toEqual(['projectCode', 'regionCode', 'previousType', 'permitNumbers[1]', 'permitNumbers[2]']);
    expect(await fields(ProjectTypedEvent, { ...typed(), permitNumbers: '430223202406200101' })).toEqual([
      'permitNumbers',
    ]);
  });
});

describe(AcceptanceRecordedEvent.name, () => {
  it('accepts the governance event and the ingest one without source and backfillId', async () => {
    expect(await fields(AcceptanceRecordedEvent, acceptance())).toEqual([]);
    const { source: _s, backfillId: _b, ...ingest } = acceptance();
    expect(await fields(AcceptanceRecordedEvent, { ...ingest, completionFilingDate: '2026-11-20' })).toEqual([]);
  });

  it('names broken fields', async () => {
    expect(
      await fields(AcceptanceRecordedEvent, {
        ...acceptance(),
        permitNumber: '430223202406200100',
        fivePartyAcceptanceDate: '2026/11/03',
        completionFilingDate: undefined,
        source: 'MANUAL',
        backfillId: '',
      }),
    ).toEqual(['permitNumber', 'fivePartyAcceptanceDate', 'completionFilingDate', 'source', 'backfillId']);
  });
});

describe(ProjectCorrectedEvent.name, () => {
  /** as marking-correction.service.ts publishes it */
  const corrected = () => ({
    recordType: 'PROJECT_MARKING',
    recordKey: '2024-430223-70-03-012345',
    regionCode: '430223',
    reason: '误标为现售',
    documentNumber: '湘建房函〔2026〕7号',
    reportSha256: 'a'.repeat(64),
    correctedBy: 'admin.li',
    correctedAt: '2026-11-02T01:00:00.000Z',
    before: { projectType: 'CURRENT_SALE', marking: null },
    after: { projectType: 'PRESALE' },
  });

  it('accepts the correction and names broken fields', async () => {
    expect(await fields(ProjectCorrectedEvent, corrected())).toEqual([]);
    expect(
      await fields(ProjectCorrectedEvent, { ...corrected(), recordType: 'ESCROW', after: { projectType: 'SHOP' } }),
    ).toEqual(['recordType', 'after.projectType']);
  });
});
