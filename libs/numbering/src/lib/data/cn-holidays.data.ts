/**
 * 国务院办公厅部分节假日安排（放假调休）, one entry per year as published. `holidays` are the days
 * off (including weekend days inside the break), `workdays` the 调休 make-up days that fall on a
 * Saturday or Sunday. A year not listed here counts Monday–Friday as working days.
 * New years are added as their notice appears (usually in November of the year before).
 */
export interface HolidayNotice {
  year: number;
  /** 文号 of the State Council General Office notice, or its title where the published text (新华社) carries none */
  noticeNumber: string;
  /** date of the notice (YYYY-MM-DD) */
  publishedOn: string;
  breaks: ReadonlyArray<{ name: string; from: string; to: string; workdays: readonly string[] }>;
}

export const STATE_COUNCIL_HOLIDAY_NOTICES: readonly HolidayNotice[] = Object.freeze([
  {
    year: 2024,
    noticeNumber: '国办发明电〔2023〕7号',
    publishedOn: '2023-10-25',
    breaks: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01', workdays: [] },
      { name: '春节', from: '2024-02-10', to: '2024-02-17', workdays: ['2024-02-04', '2024-02-18'] },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06', workdays: ['2024-04-07'] },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05', workdays: ['2024-04-28', '2024-05-11'] },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10', workdays: [] },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17', workdays: ['2024-09-14'] },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07', workdays: ['2024-09-29', '2024-10-12'] },
    ],
  },
  {
    year: 2025,
    noticeNumber: '国办发明电〔2024〕12号',
    publishedOn: '2024-11-12',
    breaks: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01', workdays: [] },
      { name: '春节', from: '2025-01-28', to: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06', workdays: [] },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', workdays: ['2025-04-27'] },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02', workdays: [] },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    // the text released by 新华社 on 2025-11-04 prints no 文号: the title identifies the notice
    noticeNumber: '国务院办公厅关于2026年部分节假日安排的通知',
    publishedOn: '2025-11-04',
    breaks: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
      { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
]);
