import type { FundSupervisionV1 } from '@hn/messages';

/** The guarantee as the e-license shows it: the form's fields and whether a 承诺函 scan was uploaded. */
export interface ELicenseCapitalGuarantee {
  applies: boolean;
  amountFen: number | null;
  /** a 项目资本保证金承诺函 scan is kept with the application */
  commitmentLetter?: boolean;
}

/** What the approval workflow recorded for a PRESALE permit (项目资本保证金, 预售资金监管); null: not through it. */
export interface ELicensePresaleFields {
  capitalGuarantee: ELicenseCapitalGuarantee | null;
  fundSupervision: FundSupervisionV1 | null;
}

const NOT_FILED = '未经审批系统填报';

/** 150000000 fen → 1,500,000.00 元 */
export function formatFen(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const cents = String(Math.abs(fen % 100)).padStart(2, '0');
  return `${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents} 元`;
}

/**
 * The row a PRESALE project's e-license adds (task 1: the permit shows the capital guarantee and the
 * escrow fields): label, English sub-label, value — one row of two lines, so a one-unit permit stays
 * on one page.
 */
export function presaleRows(fields: ELicensePresaleFields | null): Array<[string, string, string]> {
  const g = fields?.capitalGuarantee ?? null;
  const f = fields?.fundSupervision ?? null;
  const amount = g?.amountFen !== null && g?.amountFen !== undefined ? formatFen(g.amountFen) : '未填';
  const letter = g?.commitmentLetter ? '，已提交承诺函' : '';
  const given = g?.amountFen !== null && g?.amountFen !== undefined;
  const applied = given
    ? `实行，总额 ${amount}${letter}`
    : g?.commitmentLetter
      ? '实行，承诺函'
      : `实行，总额 ${amount}`;
  const guarantee = !g ? NOT_FILED : g.applies ? applied : '不实行';
  const escrow = !f
    ? NOT_FILED
    : f.planned
      ? `计划实行，${f.bank ?? '监管银行未填'} ${f.account ?? '监管账号未填'}`
      : '不计划实行';
  return [
    [
      '项目资本保证金 / 预售资金监管',
      'Capital guarantee / fund supervision',
      `资本保证金：${guarantee}\n资金监管：${escrow}`,
    ],
  ];
}
