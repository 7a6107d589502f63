import { field, h, showFieldErrors } from '../dom.js';
import { sendJson, setFlash, showProblem, statusLine } from '../kit.js';
import { fenToYuan, yuanToFen } from '../money.js';

export interface Statistic {
  presaleNumber: string;
  regionCode: string;
  projectName: string | null;
  month: string;
  contractsSigned: number;
  floorArea: number;
  amountFen: number;
  kind: string;
  state: 'DRAFT' | 'SUBMITTED';
  version: number;
  enteredBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
}

/** 录入或修改: one presale permit and month, the amount typed in 元 and sent as exact 分. `saved` re-opens the list. */
export function entryForm(params: URLSearchParams, saved: () => void): HTMLFormElement {
  const message = statusLine('entry-message');
  const input = (name: string, attrs: Record<string, string | number | boolean>): HTMLInputElement =>
    h('input', { name, id: `e-${name}`, required: true, ...attrs });
  const form = h(
    'form',
    { class: 'card entry', id: 'statistic-form', novalidate: true, 'aria-labelledby': 'statistic-form-title' },
    h('h2', { id: 'statistic-form-title' }, '录入或修改网签统计 Enter a statistic'),
    h(
      'div',
      { class: 'grid' },
      field(
        '预售许可证号 Presale number',
        input('presaleNumber', {
          maxlength: 22,
          placeholder: '如 430223…-Y01',
          value: params.get('presaleNumber') ?? '',
        }),
      ),
      field('月份 Month', input('month', { type: 'month' })),
      field('网签套数 Contracts', input('contractsSigned', { inputmode: 'numeric' })),
      field('网签面积（㎡）Floor area', input('floorArea', { inputmode: 'decimal' })),
      field('网签金额（元）Amount, yuan', input('amountFen', { inputmode: 'decimal' })),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'save-statistic' }, '保存草稿 Save draft'),
    ),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    const data = new FormData(form);
    const text = (name: string): string => String(data.get(name) ?? '').trim();
    const amount = yuanToFen(text('amountFen'));
    const errors: Array<{ field: string; reason: string }> = [];
    if (!text('presaleNumber')) errors.push({ field: 'presaleNumber', reason: '必填 (required)' });
    if (!text('month')) errors.push({ field: 'month', reason: '必填 (required)' });
    if (!amount.ok) errors.push({ field: 'amountFen', reason: amount.reason });
    if (errors.length || !amount.ok) {
      showFieldErrors(form, errors);
      return;
    }
    showFieldErrors(form, []);
    const num = (v: string): number | string => (/^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    const presale = text('presaleNumber').toUpperCase();
    void (async () => {
      try {
        const res = await sendJson<{ outcome: string; statistic: Statistic }>(
          'PUT',
          `/api/v1/supervision/signing-statistics/${encodeURIComponent(presale)}/${encodeURIComponent(text('month'))}`,
          { contractsSigned: num(text('contractsSigned')), floorArea: num(text('floorArea')), amountFen: amount.fen },
        );
        setFlash(
          res.outcome === 'unchanged'
            ? '与当前版本相同，未生成新版本 (unchanged)'
            : `已保存 ${presale} ${res.statistic.month} 的网签统计（草稿，第 ${res.statistic.version} 版）(saved)`,
        );
        saved();
      } catch (err) {
        showProblem(err, message, form);
      }
    })();
  });
  return form;
}

export function fillEntry(form: HTMLFormElement, s: Statistic): void {
  const set = (name: string, value: string): void => {
    form.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value = value;
  };
  set('presaleNumber', s.presaleNumber);
  set('month', s.month);
  set('contractsSigned', String(s.contractsSigned));
  set('floorArea', s.floorArea.toFixed(2));
  set('amountFen', fenToYuan(s.amountFen, false));
  form.querySelector<HTMLInputElement>('[name="contractsSigned"]')!.focus();
}
