import { PublicPresaleSummaryV1 } from '@hn/contracts';
import { escapeHtml, renderVerifyPage, verifyPageState } from './verify-page';

const permit: PublicPresaleSummaryV1 = {
  presaleNumber: '430223202406200101-Y01',
  status: 'VALID',
  sandbox: false,
  projectName: '锦绣星城三期（22#栋）',
  developerName: '攸县锦绣置业有限公司',
  address: '攸县联星街道锦绣大道 88 号',
  regionCode: '430223',
  issuingAuthority: '攸县住房和城乡建设局',
  localCertificateNumber: '攸住建预字〔2024〕第015号',
  issueDate: '2024-08-15',
  buildings: ['22#'],
  presaleArea: 12345.67,
  unitCount: 120,
  plannedUse: '住宅',
  constructionPermitNumbers: ['430223202406200101'],
  logIndex: 0,
};

describe('verify page', () => {
  it('chooses the banner: an invalid token never shows as a test or valid one', () => {
    expect(verifyPageState({ valid: true, permit })).toBe('valid');
    expect(verifyPageState({ valid: true, test: true, permit })).toBe('test');
    expect(verifyPageState({ valid: false, test: true, reason: 'BAD_SIGNATURE' })).toBe('invalid');
    expect(verifyPageState({ valid: false, reason: 'CORRECTED', permit })).toBe('corrected');
    expect(verifyPageState({ valid: true, reason: 'CORRECTED', permit })).toBe('corrected');
    expect(verifyPageState({ valid: true, permit: { ...permit, status: 'CORRECTED' } })).toBe('corrected');
    expect(verifyPageState({ valid: false, reason: 'UNKNOWN_KEY' })).toBe('invalid');
  });

  it('renders a self-contained Chinese page with the summary table', () => {
    const html = renderVerifyPage({ valid: true, permit });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('真实有效的预售许可证');
    expect(html).toContain('攸住建预字〔2024〕第015号');
    expect(html).toContain('12,345.67 m²');
    expect(html).toContain('攸县（430223）');
    expect(html).not.toMatch(/<script|src=|href=/);
  });

  it('shows the reason of a failed check, escaped', () => {
    const html = renderVerifyPage({ valid: false, reason: 'BAD_SIGNATURE', message: '签名无效 <b>' });
    expect(html).toContain('未通过核验');
    expect(html).toContain('签名无效 &lt;b&gt;（BAD_SIGNATURE）');
    expect(html).not.toContain('<table>');
  });

  it('escapes every HTML-special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
