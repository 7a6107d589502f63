import { PublicPresaleSummaryV1, VerifyCodeV1, verifyOutcome, VerifyResultV1 } from '@hn/messages';
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

const result = (code: VerifyCodeV1, extra: Partial<VerifyResultV1> = {}): VerifyResultV1 => {
  const o = verifyOutcome(code);
  return {
    valid: o.valid,
    status: o.status,
    code: o.code,
    message: o.message,
    messageEn: o.messageEn,
    ...(o.valid ? {} : { reason: o.code }),
    ...extra,
  };
};

/** Every link target of a page. */
const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);

describe('verify page', () => {
  it('chooses the banner from the status: only VALID is genuine', () => {
    expect(verifyPageState(result('VALID', { permit }))).toBe('valid');
    expect(verifyPageState(result('TEST_DATA', { test: true, permit }))).toBe('test');
    expect(verifyPageState(result('BAD_SIGNATURE', { test: true }))).toBe('invalid');
    expect(verifyPageState(result('CORRECTED', { permit }))).toBe('corrected');
    expect(verifyPageState(result('DRAFT'))).toBe('draft');
    expect(verifyPageState(result('WITHDRAWN'))).toBe('withdrawn');
    expect(verifyPageState(result('UNKNOWN_KEY'))).toBe('invalid');
    expect(verifyPageState(result('UNKNOWN_PERMIT'))).toBe('invalid');
    expect(verifyPageState(result('VALID', { permit: { ...permit, status: 'CORRECTED' } }))).toBe('valid');
    // a VALID status on a result that is not valid never shows as genuine
    expect(verifyPageState({ ...result('VALID', { permit }), valid: false })).toBe('invalid');
  });

  it('reads answers of the first version (no status) from valid and reason', () => {
    const legacy = (r: Record<string, unknown>): VerifyResultV1 => r as unknown as VerifyResultV1;
    expect(verifyPageState(legacy({ valid: true, permit }))).toBe('valid');
    expect(verifyPageState(legacy({ valid: true, test: true, permit }))).toBe('test');
    expect(verifyPageState(legacy({ valid: false, reason: 'CORRECTED', permit }))).toBe('corrected');
    expect(verifyPageState(legacy({ valid: false, reason: 'WITHDRAWN' }))).toBe('withdrawn');
    expect(verifyPageState(legacy({ valid: false, reason: 'BAD_SIGNATURE' }))).toBe('invalid');
  });

  it('renders a self-contained Chinese page with the summary table', () => {
    const html = renderVerifyPage(result('VALID', { permit }));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('真实有效的预售许可证');
    expect(html).toContain('攸住建预字〔2024〕第015号');
    expect(html).toContain('12,345.67 m²');
    expect(html).toContain('攸县（430223）');
    expect(html).not.toMatch(/<script|src=/);
    expect(hrefs(html)).toEqual(['/query/']); // the only link: the public search, same site
  });

  it('says a draft is not valid, without details, and never "真实有效"', () => {
    const html = renderVerifyPage(result('DRAFT', { permit }));
    expect(html).toContain('未提交的草稿，不是有效证书');
    expect(html).toContain('<code class="code">DRAFT</code>');
    expect(html).not.toContain('真实有效');
    expect(html).not.toContain('<table>');
  });

  it('says a withdrawn number is withdrawn', () => {
    const html = renderVerifyPage(result('WITHDRAWN'));
    expect(html).toContain('该预售许可证编号已撤回');
    expect(html).toContain('WITHDRAWN');
    expect(html).not.toContain('真实有效');
  });

  it('links a corrected token to the current certificate (same-site path only)', () => {
    const current = {
      presaleNumber: permit.presaleNumber,
      verifyUrl: 'HTTPS://PRESALE.HUNAN.GOV.CN/V/AEAUSPABC',
      verifyPath: '/V/AEAUSPABC',
    };
    const html = renderVerifyPage(result('CORRECTED', { permit: { ...permit, status: 'CORRECTED' }, current }));
    expect(html).toContain('该证书已更正，请以最新证书为准');
    expect(html).toContain('<a href="/V/AEAUSPABC">查看最新证书 430223202406200101-Y01</a>');
    expect(html).toContain('<table>');
    const hostile = renderVerifyPage(
      result('CORRECTED', { permit, current: { ...current, verifyPath: 'javascript:alert(1)' } }),
    );
    expect(hrefs(hostile)).toEqual(['/query/']);
  });

  it('shows the plain Chinese reason of a failed check with its code beside it, never a library message', () => {
    const html = renderVerifyPage(
      result('BAD_SIGNATURE', { message: '签名无效 (signature does not verify with key 493f9a04)' }),
    );
    expect(html).toContain('未通过核验');
    expect(html).toContain(
      '<span class="why">二维码内容已被篡改或不是本平台签发</span> <code class="code">BAD_SIGNATURE</code>',
    );
    expect(html).not.toContain('does not verify');
    expect(html).not.toContain('break-all');
    expect(html).not.toContain('<table>');
  });

  it('escapes an unknown reason and drops its English aside', () => {
    const html = renderVerifyPage({
      valid: false,
      reason: 'SOMETHING_NEW',
      message: '签名无效 <b> (some english)',
    } as unknown as VerifyResultV1);
    expect(html).toContain('签名无效 &lt;b&gt;</span> <code class="code">SOMETHING_NEW</code>');
    expect(html).not.toContain('some english');
  });

  it('escapes every HTML-special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
