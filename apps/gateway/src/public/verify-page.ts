import { PublicPresaleSummaryV1, VERIFY_OUTCOMES, VerifyCodeV1, VerifyResultV1 } from '@hn/messages';
import { regionName } from '@hn/numbering';

export type VerifyPageState = 'valid' | 'test' | 'draft' | 'withdrawn' | 'corrected' | 'invalid' | 'unavailable';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Which banner a verification result gets, from its status (answers of the first version without a
 * status: from valid/reason). Only a VALID status ever gets the "genuine" banner.
 */
export function verifyPageState(result: VerifyResultV1): VerifyPageState {
  const status =
    result.status ??
    (result.valid
      ? result.test || result.permit?.sandbox
        ? 'TEST'
        : 'VALID'
      : result.reason === 'CORRECTED'
        ? 'CORRECTED'
        : result.reason === 'WITHDRAWN'
          ? 'WITHDRAWN'
          : 'INVALID');
  switch (status) {
    case 'VALID':
      return result.valid && !result.test && !result.permit?.sandbox ? 'valid' : result.valid ? 'test' : 'invalid';
    case 'TEST':
      return result.valid ? 'test' : 'invalid';
    case 'DRAFT':
      return 'draft';
    case 'WITHDRAWN':
      return 'withdrawn';
    case 'CORRECTED':
      return result.test ? 'test' : 'corrected';
    case 'UNAVAILABLE':
      return 'unavailable';
    default:
      return 'invalid';
  }
}

/** Banner per state: the title is what a person reads first (never "真实有效" unless valid). */
const BANNERS: Record<VerifyPageState, { color: string; icon: string; title: string; note: string }> = {
  valid: {
    color: '#15803d',
    icon: '✔',
    title: '真实有效的预售许可证',
    note: '本证书信息由湖南省预售商品房监管平台签发并记入公开透明日志，签名核验通过。',
  },
  test: {
    color: '#c2410c',
    icon: '!',
    title: '测试数据（联调测试），非正式证书',
    note: '此二维码来自系统联调测试环境，不代表任何真实的预售许可，请勿据此购房或交易。',
  },
  draft: {
    color: '#92400e',
    icon: '!',
    title: '未提交的草稿，不是有效证书',
    note: '该编号为工作人员补录中尚未提交的草稿，不是已生效的预售许可证，请勿据此购房或交易。',
  },
  withdrawn: {
    color: '#b91c1c',
    icon: '✘',
    title: '该预售许可证编号已撤回',
    note: '该编号已由主管部门撤回作废，不是有效的预售许可证，请勿据此购房或交易。',
  },
  corrected: {
    color: '#1d4ed8',
    icon: 'ℹ',
    title: '该证书已更正，请以最新证书为准',
    note: '此二维码对应更正前的旧版本。以下为平台登记的最新信息，请以最新证书为准。',
  },
  invalid: {
    color: '#b91c1c',
    icon: '✘',
    title: '未通过核验：不是有效的预售许可证',
    note: '该二维码无法证明为本平台签发的有效预售许可证，请勿据此交易，并向当地住房和城乡建设主管部门核实。',
  },
  unavailable: { color: '#6b7280', icon: '…', title: '核验服务暂不可用', note: '请稍后重新扫码查询。' },
};

/**
 * The plain Chinese sentence of a result and its code: the shared table's sentence for a known code
 * (never a library's English message), else the result's own message without its English aside.
 */
function reasonOf(result: VerifyResultV1): { message: string; code: string } {
  const code = String(result.code ?? result.reason ?? '');
  if (Object.prototype.hasOwnProperty.call(VERIFY_OUTCOMES, code))
    return { message: VERIFY_OUTCOMES[code as VerifyCodeV1].message, code };
  const own =
    typeof result.message === 'string' ? result.message.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/u, '').trim() : '';
  return { message: own || VERIFY_OUTCOMES.MALFORMED.message, code };
}

function summaryRows(p: PublicPresaleSummaryV1): Array<[string, string]> {
  const region = regionName(p.regionCode);
  const area =
    typeof p.presaleArea === 'number'
      ? p.presaleArea.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      : String(p.presaleArea ?? '');
  return [
    ['预售许可证号', p.presaleNumber],
    ['项目名称', p.projectName],
    ['开发企业', p.developerName],
    ['坐落地址', p.address],
    ['预售楼栋', (p.buildings ?? []).join('、')],
    ['预售面积', `${area} m²`],
    ['预售套数', `${p.unitCount} 套`],
    ['规划用途', p.plannedUse],
    ['发证机关', p.issuingAuthority],
    ['本地证号', p.localCertificateNumber],
    ['发证日期', p.issueDate],
    ['所在区划', region ? `${region}（${p.regionCode}）` : p.regionCode],
    ['施工许可证', (p.constructionPermitNumbers ?? []).join('、')],
    ['状态', p.status === 'CORRECTED' ? '有效（已更正，以下为最新信息）' : '有效'],
    ['透明日志序号', String(p.logIndex)],
  ];
}

/** Self-contained page (no external resource, no script) for citizens who scan the QR. */
export function renderVerifyPage(result: VerifyResultV1, state: VerifyPageState = verifyPageState(result)): string {
  const banner = BANNERS[state];
  const { message, code } = reasonOf(result);
  // the sentence prominently (unless the title already says it), the technical code small beside it
  const why = message && message !== banner.title ? `<span class="why">${escapeHtml(message)}</span> ` : '';
  const reason =
    state === 'valid' || (!why && !code)
      ? ''
      : `<p class="reason">${why}${code ? `<code class="code">${escapeHtml(code)}</code>` : ''}</p>`;
  // only a same-site path (/V/<token>) is ever linked
  const currentPath =
    state === 'corrected' &&
    typeof result.current?.verifyPath === 'string' &&
    /^\/V\/[A-Za-z0-9_-]{1,400}$/.test(result.current.verifyPath)
      ? result.current.verifyPath
      : null;
  const link = currentPath
    ? `<p class="current"><a href="${escapeHtml(currentPath)}">查看最新证书 ${escapeHtml(result.current!.presaleNumber)}</a></p>`
    : '';
  const table =
    result.permit && state !== 'draft' && state !== 'withdrawn'
      ? `<table>${summaryRows(result.permit)
          .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
          .join('')}</table>`
      : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(banner.title)} - 湖南省预售许可证核验</title>
<style>
@font-face{font-family:"HN CJK";src:url("/console/fonts/NotoSerifSC_400Regular.ttf") format("truetype");font-display:swap;unicode-range:U+2E80-9FFF,U+F900-FAFF,U+FE30-FE4F,U+FF00-FFEF,U+3000-303F}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","HN CJK",sans-serif;background:#f3f4f6;color:#111827}
main{max-width:40rem;margin:0 auto;padding:1rem}
.banner{background:${banner.color};color:#fff;border-radius:.75rem;padding:1.25rem 1rem}
.banner h1{margin:0;font-size:1.35rem;line-height:1.4}
.banner p{margin:.5rem 0 0;font-size:.95rem}
.reason{margin-top:.75rem;background:rgba(255,255,255,.15);border-radius:.5rem;padding:.5rem .75rem;line-height:1.6;overflow-wrap:break-word}
.reason .why{font-size:1.05rem;font-weight:600}
.reason .code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.75rem;opacity:.85;white-space:nowrap}
.current a{color:#fff;font-weight:600;text-decoration:underline}
table{width:100%;margin-top:1rem;border-collapse:collapse;background:#fff;border-radius:.75rem;overflow:hidden}
th,td{padding:.6rem .75rem;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top;font-size:.95rem}
th{width:7.5em;color:#4b5563;font-weight:500;white-space:nowrap}
td{overflow-wrap:anywhere}
footer{margin:1rem 0;color:#4b5563;font-size:.8rem;line-height:1.6}
footer a{color:#1d4ed8}
</style>
</head>
<body>
<main>
<section class="banner state-${state}" role="status">
<h1>${banner.icon} ${escapeHtml(banner.title)}</h1>
<p>${escapeHtml(banner.note)}</p>
${reason}
${link}
</section>
${table}
<footer>湖南省住房和城乡建设厅 · 预售商品房监管平台 · <a href="/query/">预售许可证统一查询</a><br>核验方式：Ed25519 签名链令牌 + 公开透明日志（RFC 9162）。公钥与日志检查点公开于 /public/v1/keys 与 /public/v1/log/checkpoint。</footer>
</main>
</body>
</html>
`;
}
