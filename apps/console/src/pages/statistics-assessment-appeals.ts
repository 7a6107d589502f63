import { getJson } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { formatTime, h } from '../dom.js';
import { dataTable, role, sendJson, showProblem } from '../kit.js';
import { canWrite } from '../session.js';

/** An appeal (申诉) of GET /api/v1/statistics/assessment/appeals. */
export interface Appeal {
  id: string;
  regionCode: string;
  regionName: string;
  ruleId: string;
  itemId: string;
  reason: string;
  evidence: string | null;
  evidenceScans: EvidenceScan[];
  state: 'PENDING' | 'UPHELD' | 'REJECTED';
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  opinion: string | null;
}

/** A scanned document of an appeal: `link` is its download route (the session cookie goes with it). */
export interface EvidenceScan {
  position: number;
  contentType: string;
  size: number;
  fileName: string;
  link: string;
}

const TYPE_LABELS: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };
const sizeText = (n: number): string =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** 扫描件 1：name（PDF，12 KB）— opens the scan in a new tab. */
function scanLinks(scans: readonly EvidenceScan[]): HTMLElement | null {
  if (scans.length === 0) return null;
  return h(
    'span',
    { class: 'appeal-scans' },
    ...scans.map((x) =>
      h(
        'a',
        {
          href: x.link,
          target: '_blank',
          rel: 'noopener',
          'data-scan': String(x.position),
          'aria-label': `查看证明材料扫描件 ${x.position}：${x.fileName} View evidence scan ${x.position}`,
        },
        `扫描件 ${x.position}：${x.fileName}（${TYPE_LABELS[x.contentType] ?? x.contentType}，${sizeText(x.size)}）`,
      ),
    ),
  );
}

const STATE_LABELS: Record<Appeal['state'], string> = { PENDING: '待审核', UPHELD: '申诉成立', REJECTED: '已驳回' };

/** Rule id → its description (from the assessment shown), for the appeals table. */
let ruleNames = new Map<string, string>();

/** 申诉及审核: the region's appeals; province staff uphold or reject the pending ones (with an opinion). */
export async function appealsSection(regionCode: string, rules: Map<string, string>): Promise<HTMLElement> {
  ruleNames = rules;
  const wrap = h('section', { id: 'appeals', 'aria-labelledby': 'appeals-title' });
  wrap.appendChild(h('h2', { id: 'appeals-title' }, '申诉及审核 Appeals'));
  wrap.appendChild(h('div', { id: 'appeals-body' }));
  await fillAppeals(wrap, regionCode);
  return wrap;
}

export async function refreshAppeals(regionCode: string): Promise<void> {
  const wrap = document.getElementById('appeals');
  if (wrap) await fillAppeals(wrap, regionCode);
}

async function fillAppeals(wrap: HTMLElement, regionCode: string): Promise<void> {
  const body = wrap.querySelector('#appeals-body')!;
  let page: { items: Appeal[]; total: number };
  try {
    page = await getJson(`/api/v1/statistics/assessment/appeals?regionCode=${regionCode}&pageSize=100`);
  } catch (err) {
    const box = h('div', { role: 'alert' });
    showProblem(err, box);
    body.replaceChildren(box);
    return;
  }
  const decides = canWrite() && role() === 'PROVINCE';
  const box = h('div', { id: 'decision-error', role: 'alert' });
  const decide = (appeal: Appeal, decision: 'UPHELD' | 'REJECTED') => async () => {
    const opinion = await confirmDialog({
      title: decision === 'UPHELD' ? '申诉成立 Uphold' : '驳回申诉 Reject',
      body: [h('p', {}, `${appeal.regionName} · ${appeal.ruleId} · ${appeal.itemId}：${appeal.reason}`)],
      confirm: decision === 'UPHELD' ? '申诉成立 Uphold' : '驳回 Reject',
      input: { label: '审核意见 Opinion', required: true, maxlength: 1000 },
    });
    if (opinion === null) return;
    try {
      await sendJson('POST', `/api/v1/statistics/assessment/appeals/${appeal.id}/decision`, { decision, opinion });
      location.reload();
    } catch (err) {
      showProblem(err, box);
    }
  };
  body.replaceChildren(
    box,
    page.items.length === 0
      ? h('p', { class: 'empty' }, '暂无申诉 (no appeals)')
      : dataTable(
          'assessment-appeals',
          `共 ${page.total} 条申诉`,
          ['区划', '扣分项', '理由与证明材料', '状态', '提交', '审核意见', '操作'],
          page.items.map((p) => ({
            attrs: { 'data-appeal': p.id, 'data-state': p.state },
            cells: [
              p.regionName,
              h(
                'span',
                { class: 'appeal-item' },
                h('span', {}, ruleNames.get(p.ruleId) ?? p.ruleId),
                h('span', { class: 'num' }, p.itemId),
              ),
              h(
                'span',
                { class: 'appeal-reason' },
                h('span', {}, p.reason),
                p.evidence ? h('span', { class: 'hint' }, `证明材料：${p.evidence}`) : null,
                scanLinks(p.evidenceScans ?? []),
              ),
              STATE_LABELS[p.state],
              `${p.submittedBy} ${formatTime(p.submittedAt)}`,
              p.opinion ? `${p.opinion}（${p.decidedBy ?? ''}）` : '—',
              decides && p.state === 'PENDING'
                ? h(
                    'span',
                    { class: 'actions' },
                    h('button', { type: 'button', class: 'primary', onclick: decide(p, 'UPHELD') }, '成立 Uphold'),
                    h('button', { type: 'button', onclick: decide(p, 'REJECTED') }, '驳回 Reject'),
                  )
                : '—',
            ],
          })),
          '考核申诉 Appeals',
        ),
  );
}
