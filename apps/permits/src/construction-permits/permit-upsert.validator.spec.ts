import { PermitUpsertV1 } from '@hn/messages';
import { creditCodeCheckChar } from '@hn/numbering';
import { validatePermitUpsert } from './permit-upsert.validator';

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

describe('validatePermitUpsert', () => {
  it('accepts the work-plan example', () => {
    expect(validatePermitUpsert('430223202406200101', validBody(), '2026-11-27')).toEqual([]);
  });

  it('names every disagreement at once', () => {
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
    const fields = validatePermitUpsert('430223202406200101', body, '2026-11-27').map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'regionCode',
        'issueDate',
        'plannedCompletionDate',
        'developerCreditCode',
        'units[0].name',
        'units[0].floors',
        'units[0].floorArea',
        'units[1].unitCode',
      ]),
    );
  });

  it('refuses control characters, NUL and lone surrogates in names (shared plain-text rule)', () => {
    const body = {
      ...validBody(),
      projectName: '锦绣\u0001星城',
      developerName: '攸县\u0000置业',
      units: [{ unitCode: 'DT022', name: '22#\ud800', floors: 33, floorArea: 1 }],
    };
    expect(validatePermitUpsert('430223202406200101', body, '2026-11-27').map((e) => e.field)).toEqual([
      'projectName',
      'developerName',
      'units[0].name',
    ]);
  });

  it('reports a malformed number with its reason', () => {
    const errors = validatePermitUpsert('4302232024062001', validBody(), '2026-11-27');
    expect(errors[0]).toMatchObject({ field: 'permitNumber' });
    expect(errors[0]!.reason).toContain('WRONG_LENGTH');
  });
});
