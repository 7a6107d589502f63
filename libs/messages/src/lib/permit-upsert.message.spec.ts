import { creditCodeCheckChar } from '@hn/numbering';
import {
  checkPermitUpsert,
  PERMIT_UPSERT_EXAMPLE,
  PERMIT_UPSERT_INVALID_DETAIL,
  PermitUpsert,
  PermitUpsertRequest,
} from './permit-upsert.message';
import { PermitUpsertV1 } from './permits';
import { InvalidPayloads } from './validation/invalid-payload';
import { validateMessage } from './validation/validate-message';

const body17 = '91430223MA4Q0ABC1';
const validBody = (): PermitUpsertV1 => ({
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期（22#栋）',
  regionCode: '430223',
  projectType: 'PRESALE',
  developerName: '攸县锦绣置业有限公司',
  developerCreditCode: body17 + creditCodeCheckChar(body17),
  issueDate: '2024-06-20',
  startDate: '2024-07-01',
  plannedCompletionDate: '2026-12-31',
  fivePartyAcceptanceDate: null,
  completionFilingDate: null,
  units: [{ unitCode: 'DT022', name: '22#栋', floors: 33, floorArea: 12345.67 }],
});
const fieldsOf = async (number: string, body: unknown): Promise<string[]> =>
  (await checkPermitUpsert(number, body, '2026-11-27')).errors.map((e) => e.field);

describe(checkPermitUpsert.name, () => {
  it('accepts the work-plan example, with or without category and units', async () => {
    const result = await checkPermitUpsert('430223202406200101', validBody(), '2026-11-27');
    expect(result).toMatchObject({ ok: true, errors: [] });
    expect(result.ok && result.value).toBeInstanceOf(PermitUpsert);
    expect(await fieldsOf('430223202406200101', PERMIT_UPSERT_EXAMPLE)).toEqual([]);
    expect(await fieldsOf('430223202406200101', { ...validBody(), units: [], category: '社会投资房建类' })).toEqual([]);
  });

  it('names every disagreement at once, in field order', async () => {
    const body = {
      ...validBody(),
      regionCode: '430224',
      issueDate: '2024-06-21',
      startDate: '2027-01-01',
      developerCreditCode: body17 + 'Z',
      units: [
        { unitCode: 'A', name: '', floors: 0, floorArea: 0 },
        { unitCode: 'A', name: 'x', floors: 1, floorArea: 1 },
      ],
    };
    expect(await fieldsOf('430223202406200101', body)).toEqual([
      'regionCode',
      'developerCreditCode',
      'issueDate',
      'plannedCompletionDate',
      'units[0].name',
      'units[0].floors',
      'units[0].floorArea',
      'units[1].unitCode',
    ]);
  });

  it('refuses control characters, NUL and lone surrogates in names (shared plain-text rule)', async () => {
    const body = {
      ...validBody(),
      projectName: '锦绣\u0001星城',
      developerName: '攸县\u0000置业',
      units: [{ unitCode: 'DT022', name: '22#\ud800', floors: 33, floorArea: 1 }],
    };
    expect(await fieldsOf('430223202406200101', body)).toEqual(['projectName', 'developerName', 'units[0].name']);
  });

  it('reports a malformed number with its reason, before the body fields', async () => {
    const { errors } = await checkPermitUpsert('4302232024062001', { ...validBody(), projectCode: 'x' }, '2026-11-27');
    expect(errors.map((e) => e.field)).toEqual(['permitNumber', 'projectCode']);
    expect(errors[0]!.reason).toContain('WRONG_LENGTH');
  });

  it('names missing, mistyped and unknown fields; refuses a non-object whole', async () => {
    expect(await fieldsOf('430223202406200101', undefined)).toEqual([
      'projectCode',
      'projectName',
      'regionCode',
      'projectType',
      'developerName',
      'developerCreditCode',
      'issueDate',
      'startDate',
      'plannedCompletionDate',
      'fivePartyAcceptanceDate',
      'completionFilingDate',
      'units',
    ]);
    expect(
      await fieldsOf('430223202406200101', {
        ...validBody(),
        hacker: true,
        projectType: 'SOLD',
        category: '',
        units: [{ unitCode: 'A1', name: '1#', floors: 'three', floorArea: -1 }, 7],
      }),
    ).toEqual(['projectType', 'category', 'units[0].floors', 'units[0].floorArea', 'units[1]', 'hacker']);
    expect(await fieldsOf('430223202406200101', [validBody()])).toEqual(['body']);
    expect(
      await fieldsOf('430223202406200101', { ...validBody(), units: [{ ...validBody().units[0], floorArea: 1.005 }] }),
    ).toEqual(['units[0].floorArea']);
  });
});

describe(PermitUpsertRequest.name, () => {
  const requestOf = async (value: unknown) => {
    const r = await validateMessage(PermitUpsertRequest, value);
    return { r, fields: r.ok ? [] : r.errors.map((e) => e.field) };
  };

  it('takes the number and the permit as checkPermitUpsert does', async () => {
    const { r } = await requestOf({ permitNumber: '430223202406200101', permit: validBody() });
    expect(r).toMatchObject({ ok: true, value: { permitNumber: '430223202406200101', permit: validBody() } });
  });

  it('names the permit’s fields as in the HTTP body, the number’s disagreements included', async () => {
    const permit = {
      ...validBody(),
      regionCode: '430224',
      projectCode: 'x',
      units: [validBody().units[0], validBody().units[0]],
    };
    const { r, fields } = await requestOf({ permitNumber: '430223202406200101', permit });
    expect(fields).toEqual(await fieldsOf('430223202406200101', permit));
    expect(fields).toEqual(['projectCode', 'regionCode', 'units[1].unitCode']);
    expect(InvalidPayloads.permitUpsert(r.errors)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: PERMIT_UPSERT_INVALID_DETAIL,
    });
  });

  it('refuses a body that is not an object as `body`, an absent one field by field', async () => {
    expect((await requestOf({ permitNumber: '430223202406200101', permit: 'x' })).fields).toEqual(['body']);
    expect((await requestOf({ permitNumber: '430223202406200101' })).fields).toEqual(
      await fieldsOf('430223202406200101', {}),
    );
  });

  it('refuses an invalid number alone, 400 INVALID_PERMIT_NUMBER (the gateway refuses the path number first)', async () => {
    const { r, fields } = await requestOf({ permitNumber: '4302232024062001', permit: { projectCode: 'x' } });
    expect(fields).toEqual(['permitNumber']);
    expect(InvalidPayloads.permitUpsert(r.errors)).toMatchObject({ status: 400, code: 'INVALID_PERMIT_NUMBER' });
  });
});
