import { AlertV1 } from '@hn/messages';
import { alertCsvHeader, alertCsvRow, csvField } from './alert-csv';

describe(csvField.name, () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"停工"')).toBe('"他说""停工"""');
    expect(csvField('一\n二')).toBe('"一\n二"');
    expect(csvField('锦绣星城')).toBe('锦绣星城');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });
});

describe('alert CSV rows', () => {
  const alert: AlertV1 = {
    id: '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11',
    type: 'OVERDUE_ACCEPTANCE',
    state: 'FOLLOWING',
    scope: 'STOCK',
    regionCode: '430223',
    projectCode: '2019-430223-70-03-000001',
    projectName: '锦绣星城, 一期',
    permitNumber: '430223201906200101',
    presaleNumber: null,
    raisedAt: '2026-11-30T16:00:00.000Z',
    daysOverdue: 3,
    clearedAt: null,
    facts: {},
    followUps: [
      {
        id: 'f',
        reason: '停工',
        measures: '约谈',
        responsiblePerson: '张伟',
        phone: '13807330001',
        plannedDate: '2027-03-31',
        recordedBy: 'u',
        recordedAt: '2026-12-01T00:00:00Z',
      },
    ],
    dismissal: null,
  };

  it('has one column per header, in Chinese with the field name beside it', () => {
    expect(alertCsvHeader().split(',')).toHaveLength(14);
    expect(alertCsvHeader()).toContain('逾期天数 daysOverdue');
    expect(alertCsvRow(alert)).toBe(
      '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11,逾期验收 OVERDUE_ACCEPTANCE,跟踪中 FOLLOWING,存量 STOCK,430223,' +
        '2019-430223-70-03-000001,"锦绣星城, 一期",430223201906200101,,2026-11-30T16:00:00.000Z,3,,1,约谈',
    );
  });
});
