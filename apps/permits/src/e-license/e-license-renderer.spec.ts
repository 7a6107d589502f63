import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import type { BuildingUnitV1, ConstructionPermitV1 } from '@hn/messages';
import { loadELicenseFonts } from './e-license-fonts';
import { E_LICENSE_TITLE, ELicenseRenderer } from './e-license-renderer';

const permit: ConstructionPermitV1 = {
  permitNumber: '430223202406200101',
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期（22#栋）',
  regionCode: '430223',
  projectType: 'PRESALE',
  category: '社会投资房建类',
  developerName: '攸县锦绣星城置业有限公司',
  developerCreditCode: '91430223MA4L0XKJ12',
  issueDate: '2024-06-20',
  startDate: '2024-07-18',
  plannedCompletionDate: '2026-07-17',
  fivePartyAcceptanceDate: null,
  completionFilingDate: null,
  status: 'VALID',
};
const units: BuildingUnitV1[] = [
  { unitCode: '2024-430223-70-03-012345-DT022', name: '22#栋', floors: 18, floorArea: 12680.5 },
];
/** Text as pdf-parse extracts it, without the line breaks and spaces wrapping introduces. */
const compact = (text: string): string => text.replace(/\s+/g, '');
const KB = 1024;

describe(ELicenseRenderer.name, () => {
  const renderer = new ELicenseRenderer();
  const fixedDate = new Date('2026-11-27T08:00:00Z');

  it('renders an A4 PDF whose text (Chinese included) can be extracted', async () => {
    const pdf = await renderer.render(permit, units, { generatedAt: fixedDate });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1').trim().endsWith('%%EOF')).toBe(true);
    console.log(`ELicenseRenderer: 1 unit → ${(pdf.length / KB).toFixed(1)} KB`);
    expect(pdf.length).toBeLessThan(300 * KB);

    const parsed = await pdfParse(pdf);
    const text = compact(parsed.text);
    expect(parsed.numpages).toBe(1);
    for (const expected of [
      E_LICENSE_TITLE,
      '430223202406200101',
      '锦绣星城三期（22#栋）',
      '2024-430223-70-03-012345',
      '攸县锦绣星城置业有限公司',
      '91430223MA4L0XKJ12',
      '430223攸县',
      '2024年6月20日',
      '2024年7月18日',
      '2026年7月17日',
      '未验收',
      '预售商品房',
      '2024-430223-70-03-012345-DT022',
      '22#栋',
      '12,680.50',
      '本电子证照由湖南省预售商品房监管平台依据施工许可数据生成(generatedfrompermitdata)',
    ]) {
      expect(text).toContain(compact(expected));
    }
    expect(pdf.subarray(0, 2000).toString('latin1')).toMatch(/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('shows acceptance dates, other project types and 未标记', async () => {
    const accepted = await renderer.render(
      { ...permit, projectType: null, fivePartyAcceptanceDate: '2026-08-01', completionFilingDate: '2026-09-15' },
      [],
    );
    const text = compact((await pdfParse(accepted)).text);
    expect(text).toContain('2026年8月1日');
    expect(text).toContain('2026年9月15日');
    expect(text).toContain('未标记');
    expect(text).toContain('无单体信息');
    expect(text).not.toContain('未验收');

    const other = compact(
      (await pdfParse(await renderer.render({ ...permit, projectType: 'CURRENT_SALE' }, units))).text,
    );
    expect(other).toContain('现售商品房');
  });

  it('breaks long names and many units over several pages, repeating the table header and footer', async () => {
    const longName = `${'湖南省长沙市岳麓区梅溪湖国际新城片区锦绣星城综合体'.repeat(6)}（1#-300#栋）`;
    const many: BuildingUnitV1[] = Array.from({ length: 300 }, (_, i) => ({
      unitCode: `2024-430223-70-03-012345-DT${String(i + 1).padStart(3, '0')}${i % 50 === 0 ? '-地下室及配套商业用房附属设施编码' : ''}`,
      name: `${i + 1}#栋`,
      floors: 2 + (i % 32),
      floorArea: 1000 + i * 10.25,
    }));
    const pdf = await renderer.render({ ...permit, projectName: longName }, many);
    console.log(`ELicenseRenderer: 300 units → ${(pdf.length / KB).toFixed(1)} KB`);
    expect(pdf.length).toBeLessThan(300 * KB);
    const parsed = await pdfParse(pdf);
    expect(parsed.numpages).toBeGreaterThan(5);
    const text = compact(parsed.text);
    expect(text).toContain(compact(longName));
    expect(text).toContain('300#栋');
    expect(text).toContain('单体信息（续）');
    expect(text.split('本电子证照由湖南省预售商品房监管平台').length - 1).toBe(parsed.numpages);
    expect(text).toContain(`共${parsed.numpages}页`);
    const total = many.reduce((sum, u) => sum + u.floorArea, 0);
    expect(text).toContain(total.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  });

  it('is byte-identical for identical data and a fixed generation time', async () => {
    const a = await renderer.render(permit, units, { generatedAt: fixedDate });
    const b = await renderer.render(permit, units, { generatedAt: fixedDate });
    expect(a.equals(b)).toBe(true);
  });

  it('reads the font files once', async () => {
    expect(loadELicenseFonts()).toBe(loadELicenseFonts());
    const fonts = await loadELicenseFonts();
    expect(fonts.regular.length).toBeGreaterThan(1_000_000);
  });

  it('shows a PRESALE permit’s capital guarantee and escrow fields from the approval workflow, 未经审批系统填报 without them', async () => {
    const presale = {
      capitalGuarantee: { applies: true, amountFen: 1_500_000_012 },
      fundSupervision: { planned: true, bank: '中国建设银行攸县支行', account: '43050162360000000123' },
    };
    const parsed = await pdfParse(await renderer.render(permit, units, { presale }));
    expect(parsed.numpages).toBe(1);
    const text = compact(parsed.text);
    for (const expected of [
      '项目资本保证金 / 预售资金监管',
      '资本保证金：实行，总额 15,000,000.12 元',
      '资金监管：计划实行，中国建设银行攸县支行 43050162360000000123',
    ])
      expect(text).toContain(compact(expected));
    const notFiled = compact((await pdfParse(await renderer.render(permit, units))).text);
    expect(notFiled).toContain('项目资本保证金');
    expect(notFiled).toContain('未经审批系统填报');
    const none = compact(
      (
        await pdfParse(
          await renderer.render(permit, units, {
            presale: {
              capitalGuarantee: { applies: false, amountFen: null },
              fundSupervision: { planned: false, bank: null, account: null },
            },
          }),
        )
      ).text,
    );
    expect(none).toContain('不实行');
    expect(none).toContain('不计划实行');
    expect(none).not.toContain('未经审批系统填报');
    const other = compact(
      (await pdfParse(await renderer.render({ ...permit, projectType: 'OTHER' }, units, { presale }))).text,
    );
    expect(other).not.toContain('资本保证金');
    // 承诺函 in place of the amount, or beside it
    const letterOnly = compact(
      (
        await pdfParse(
          await renderer.render(permit, units, {
            presale: { ...presale, capitalGuarantee: { applies: true, amountFen: null, commitmentLetter: true } },
          }),
        )
      ).text,
    );
    expect(letterOnly).toContain(compact('资本保证金：实行，承诺函'));
    expect(letterOnly).not.toContain('未填');
    const both = compact(
      (
        await pdfParse(
          await renderer.render(permit, units, {
            presale: {
              ...presale,
              capitalGuarantee: { applies: true, amountFen: 1_500_000_012, commitmentLetter: true },
            },
          }),
        )
      ).text,
    );
    expect(both).toContain(compact('资本保证金：实行，总额 15,000,000.12 元，已提交承诺函'));
  });
});
