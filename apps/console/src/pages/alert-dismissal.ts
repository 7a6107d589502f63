import { postJson } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { Child, field, formatTime, h, showFieldErrors } from '../dom.js';
import { isLevelAbove, showProblem, statusLine, username } from '../kit.js';
import { label } from '../labels.js';
import { href } from '../route.js';
import { canWrite } from '../session.js';
import { DISMISSAL_STATES } from '../supervision-labels.js';
import { SCAN_ACCEPT, scanProblem, uploadProgress, uploadScan } from '../upload.js';
import { AlertDismissal as Dismissal } from './alerts.js';
import { scanText } from './escrow-parts.js';

export interface DismissableAlert {
  id: string;
  type: string;
  state: string;
  regionCode: string;
  permitNumber: string | null;
  projectName: string;
  dismissal?: Dismissal | null;
}

/**
 * 误报核销 on the alert page: the latest request with its decision; the request form (reason and
 * evidence scan) while none is pending; 同意 / 驳回 for staff one level up. `reload` shows the alert
 * again, as the server has it, with a notice.
 */
export function dismissalSection(alert: DismissableAlert, reload: (notice: string) => Promise<void>): HTMLElement {
  const open = alert.state === 'OPEN' || alert.state === 'FOLLOWING';
  const d = alert.dismissal ?? null;
  const message = statusLine('dismissal-message');
  const section = h(
    'section',
    { class: 'dismissal', 'aria-labelledby': 'dismissal-title' },
    h('h2', { id: 'dismissal-title' }, '误报核销 Dismissal'),
  );
  if (d) {
    const facts: Array<[string, Child]> = [
      ['状态', h('span', { id: 'dismissal-state' }, label(DISMISSAL_STATES, d.state))],
      ['核销理由', d.reason],
      ['证明材料', scanText(d.evidence)],
      ['申请', `${d.requestedBy}（区划 ${d.requestedRegion}）· ${formatTime(d.requestedAt)}`],
      [
        '审核',
        d.decidedBy ? `${d.decidedBy} · ${formatTime(d.decidedAt)}${d.decisionNote ? `：${d.decisionNote}` : ''}` : '—',
      ],
    ];
    section.appendChild(
      h(
        'dl',
        { class: 'facts card' },
        facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
    );
  }
  const pending = d?.state === 'PENDING';
  if (pending && d && open && canWrite() && d.requestedBy !== username() && isLevelAbove(d.requestedRegion)) {
    const approve = h('button', { type: 'button', class: 'primary', id: 'approve-dismissal' }, '同意核销 Approve');
    const reject = h('button', { type: 'button', id: 'reject-dismissal' }, '驳回 Reject');
    approve.addEventListener('click', () => void decide(alert, d, 'approve', message, reload));
    reject.addEventListener('click', () => void decide(alert, d, 'reject', message, reload));
    section.appendChild(h('div', { class: 'actions' }, approve, reject));
  } else if (pending) {
    section.appendChild(
      h(
        'p',
        { class: 'hint' },
        '核销申请待上一级工作人员审核（市州审核县市区，省厅审核市州）；申请人不能审核本人的申请。',
      ),
    );
  } else if (open && canWrite()) {
    section.appendChild(requestForm(alert, message, reload));
  } else if (!d) {
    section.appendChild(h('p', { class: 'empty' }, '无核销申请 (none)'));
  }
  if (open && alert.type === 'OVERDUE_ACCEPTANCE' && alert.permitNumber && canWrite()) {
    section.appendChild(
      h(
        'p',
        {},
        '已线下办理验收？',
        h(
          'a',
          { href: href('/acceptance-backfills', { permitNumber: alert.permitNumber }), id: 'to-acceptance-backfill' },
          '补录验收日期（数据治理补录）',
        ),
      ),
    );
  }
  section.appendChild(message);
  return section;
}

function requestForm(
  alert: DismissableAlert,
  message: HTMLElement,
  reload: (notice: string) => Promise<void>,
): HTMLElement {
  const reason = h('textarea', { name: 'reason', id: 'd-reason', rows: 3, maxlength: 1000, required: true });
  const scan = h('input', { type: 'file', name: 'scan', id: 'd-scan', accept: SCAN_ACCEPT, required: true });
  const progress = uploadProgress('dismissal-progress');
  const button = h('button', { type: 'submit', id: 'request-dismissal' }, '申请核销 Request dismissal');
  const form = h(
    'form',
    { class: 'card dismissal-form', id: 'dismissal-form', novalidate: true, 'aria-labelledby': 'dismissal-form-title' },
    h('h3', { id: 'dismissal-form-title' }, '申请误报核销 Request a dismissal'),
    h(
      'p',
      { class: 'hint' },
      '确属误报的，填写理由并上传证明材料，由上一级工作人员审核；同意后预警核销，同一事实不再预警。',
    ),
    field('核销理由 Reason', reason),
    field('证明材料扫描件 Evidence (PDF/JPEG/PNG ≤ 20 MB)', scan),
    progress,
    h('div', { class: 'actions' }, button),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const file = scan.files?.[0];
      const errors: Array<{ field: string; reason: string }> = [];
      if (!reason.value.trim()) errors.push({ field: 'reason', reason: '必填 (required)' });
      const problem = await scanProblem(file);
      if (problem) errors.push({ field: 'scan', reason: problem });
      showFieldErrors(form, errors);
      if (errors.length || !file) return;
      button.disabled = true;
      try {
        await uploadScan(
          'POST',
          `/api/v1/supervision/alerts/${alert.id}/dismissal`,
          { data: { reason: reason.value.trim() }, scan: file },
          progress,
        );
        await reload('已提交核销申请，待上一级审核 (dismissal requested)');
      } catch (err) {
        button.disabled = false;
        progress.hidden = true;
        showProblem(err, message, form);
      }
    })();
  });
  return form;
}

async function decide(
  alert: DismissableAlert,
  d: Dismissal,
  how: 'approve' | 'reject',
  message: HTMLElement,
  reload: (notice: string) => Promise<void>,
): Promise<void> {
  const note = await confirmDialog({
    title: how === 'approve' ? '同意核销 Approve' : '驳回核销 Reject',
    body: [
      h('p', {}, `${alert.projectName}（区划 ${alert.regionCode}）：${d.requestedBy} 申请核销，理由：${d.reason}`),
      h(
        'p',
        {},
        how === 'approve' ? '同意后预警变为“已核销”，同一事实不再预警。' : '驳回后预警保持原状态，申请记为“已驳回”。',
      ),
    ],
    confirm: how === 'approve' ? '确认同意 Approve' : '确认驳回 Reject',
    input: { label: '审核意见 Note', required: how === 'reject', maxlength: 1000 },
  });
  if (note === null) return;
  try {
    await postJson(`/api/v1/supervision/alerts/${alert.id}/dismissal/${how}`, note ? { note } : {});
    await reload(how === 'approve' ? '已同意核销，预警已核销 (dismissed)' : '已驳回核销申请 (rejected)');
  } catch (err) {
    showProblem(err, message);
  }
}
