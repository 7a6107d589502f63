import { ApiError, getJson, postJson } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { field, h, showFieldErrors } from '../dom.js';
import { filterParams, focusLater, sendJson, setFlash, showProblem, statusLine, takeFlash } from '../kit.js';
import { label } from '../labels.js';
import { fenToYuan, yuanToFen } from '../money.js';
import { go, href } from '../route.js';
import { canWrite } from '../session.js';
import { RECORD_STATES } from '../supervision-labels.js';
import { ESCROW_FILTERS, EscrowRecord } from './escrow-list.js';
import { EscrowVersion, letterUpload, recordFacts, versionsTable } from './escrow-parts.js';

/** ESCROW_MAX_FEN of the API: 1 万亿元. */
const MAX_FEN = 100_000_000_000_000;

/** The per-permit page: the current record, the form (draft), 撤回 / 提交, the commitment letter, every version. */
export async function escrowFormPage(presaleNumber: string, params: URLSearchParams): Promise<HTMLElement> {
  let record: EscrowRecord | null = null;
  try {
    record = await getJson<EscrowRecord>(`/api/v1/supervision/escrow/${presaleNumber}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.problem.code !== 'ESCROW_NOT_FOUND') throw err;
  }
  const { versions } = await getJson<{ versions: EscrowVersion[] }>(
    `/api/v1/supervision/escrow/${presaleNumber}/versions`,
  );
  const listParams = filterParams(params, [...ESCROW_FILTERS, 'page']);
  const reload = (): void => go(`/escrow/${presaleNumber}`, listParams);
  const notice = statusLine('escrow-notice', takeFlash());
  focusLater(notice);
  const locked = record?.state === 'SUBMITTED';

  const section = h(
    'section',
    {},
    h(
      'a',
      { href: href('/escrow', listParams), class: 'back', id: 'back-to-escrow' },
      '← 返回资金监管列表 Back to list',
    ),
    h('h1', {}, '补录资金监管 ', h('span', { class: 'num' }, presaleNumber)),
    record ? h('p', { class: 'hint' }, record.projectName) : null,
    notice,
  );
  if (record) {
    section.appendChild(
      h(
        'div',
        { class: `card record ${locked ? 'locked' : ''}`, id: 'escrow-current' },
        h(
          'h2',
          {},
          '当前资金监管信息 ',
          h('span', { class: `state record-${record.state}`, id: 'escrow-state' }, label(RECORD_STATES, record.state)),
        ),
        locked
          ? h(
              'p',
              { class: 'lock-note', id: 'lock-note' },
              '已提交并锁定：不能再修改或撤回；确需更正请书面报告省厅，由管理员凭书面报告更正。',
            )
          : null,
        recordFacts(record),
      ),
    );
  } else {
    section.appendChild(h('p', { class: 'empty' }, '尚未录入资金监管信息，请填写下表后保存草稿。(no record yet)'));
  }
  if (canWrite()) {
    section.appendChild(recordForm(presaleNumber, record, reload));
    if (record && !locked) section.appendChild(letterUpload(record, reload));
  }
  section.appendChild(h('h2', {}, '版本 Versions'));
  section.appendChild(versionsTable(versions, record?.version ?? null));
  return section;
}

function recordForm(presaleNumber: string, record: EscrowRecord | null, reload: () => void): HTMLFormElement {
  const locked = record?.state === 'SUBMITTED';
  const message = statusLine('escrow-form-message');
  const supervised = record?.fundSupervision;
  const radio = (value: string, text: string, id: string): HTMLElement =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'fundSupervision',
        value,
        id,
        checked: supervised === (value === 'true'),
        'aria-describedby': 'f-fundSupervision-error',
      }),
      ` ${text}`,
    );
  const bank = h('input', { name: 'bank', maxlength: 100, value: record?.bank ?? '', autocomplete: 'off' });
  const account = h('input', { name: 'account', inputmode: 'numeric', maxlength: 40, value: record?.account ?? '' });
  const guarantee = h('input', {
    name: 'capitalGuaranteeAmount',
    inputmode: 'decimal',
    value: record && record.capitalGuaranteeAmount !== null ? fenToYuan(record.capitalGuaranteeAmount, false) : '',
  });
  const balance = h('input', {
    name: 'balance',
    inputmode: 'decimal',
    required: true,
    value: record ? fenToYuan(record.balance, false) : '',
  });
  const save = h('button', { type: 'submit', class: 'primary', id: 'save-escrow' }, '保存草稿 Save draft');
  const form = h(
    'form',
    { class: 'card escrow-form', id: 'escrow-form', novalidate: true, 'aria-labelledby': 'escrow-form-title' },
    h('h2', { id: 'escrow-form-title' }, record ? '修改资金监管信息 Change' : '录入资金监管信息 Enter'),
    field('资本保证金总额（元）Capital guarantee, yuan', guarantee),
    h('p', { class: 'hint' }, '以元为单位，最多两位小数（按分保存，不做舍入）；以承诺函替代时留空并勾选下项。'),
    h(
      'div',
      { class: 'field' },
      h(
        'label',
        { class: 'choice' },
        h('input', {
          type: 'checkbox',
          name: 'commitmentLetter',
          id: 'f-commitmentLetter',
          checked: record?.commitmentLetter ?? false,
          'aria-describedby': 'f-commitmentLetter-error',
        }),
        ' 有项目资本保证金承诺函 Commitment letter',
      ),
      h('p', { class: 'field-error', id: 'f-commitmentLetter-error', hidden: true }),
    ),
    h(
      'fieldset',
      { class: 'field' },
      h('legend', {}, '是否实行预售资金监管 Fund supervision'),
      radio('true', '是 Yes', 'f-fundSupervision'),
      radio('false', '否 No', 'f-fundSupervision-no'),
      h('p', { class: 'field-error', id: 'f-fundSupervision-error', hidden: true }),
    ),
    field('监管银行 Bank', bank),
    field('监管账号 Account', account),
    field('监管账户余额（元）Balance, yuan', balance),
    field(
      '余额日期 Balance as of',
      h('input', { name: 'balanceAsOf', type: 'date', required: true, value: record?.balanceAsOf ?? '' }),
    ),
    h('div', { class: 'actions' }, save),
    message,
  );
  // a locked record is shown read-only until 修改 (the server then refuses the change)
  let editable = !locked;
  const syncSupervision = (): void => {
    const no = form.querySelector<HTMLInputElement>('#f-fundSupervision-no')!.checked;
    bank.disabled = no || !editable;
    account.disabled = no || !editable;
  };
  form.addEventListener('change', syncSupervision);

  if (record && !locked) {
    const withdraw = h('button', { type: 'button', id: 'withdraw-escrow' }, '撤回 Withdraw');
    withdraw.addEventListener('click', () => void withdrawRecord(record, message, reload));
    const submit = h('button', { type: 'button', class: 'primary', id: 'submit-escrow' }, '提交 Submit');
    submit.addEventListener('click', () => void submitRecord(record, message, reload));
    form.querySelector('.actions')!.append(withdraw, submit);
  }
  if (locked) {
    // the form stays readable; 修改 lets a person try, and the server's refusal is shown
    for (const el of Array.from(form.querySelectorAll<HTMLInputElement>('input'))) el.disabled = true;
    save.hidden = true;
    const change = h('button', { type: 'button', id: 'change-escrow' }, '修改 Change');
    change.addEventListener('click', () => {
      editable = true;
      for (const el of Array.from(form.querySelectorAll<HTMLInputElement>('input'))) el.disabled = false;
      change.hidden = true;
      save.hidden = false;
      syncSupervision();
      guarantee.focus();
    });
    form.querySelector('.actions')!.prepend(change);
  }
  syncSupervision();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    const read = readRecord(form);
    if (!read.ok) {
      showFieldErrors(form, read.errors);
      message.className = 'error';
      message.textContent = `请更正 ${read.errors.length} 处错误 (fix the marked fields)`;
      return;
    }
    void (async () => {
      try {
        const res = await sendJson<{ outcome: string; record: EscrowRecord }>(
          'PUT',
          `/api/v1/supervision/escrow/${presaleNumber}`,
          read.body,
        );
        setFlash(
          res.outcome === 'unchanged'
            ? '与当前版本相同，未生成新版本 (unchanged)'
            : `已保存草稿：第 ${res.record.version} 版（提交后锁定）(saved)`,
        );
        reload();
      } catch (err) {
        showProblem(err, message, form);
      }
    })();
  });
  return form;
}

type RecordBody = Record<string, string | number | boolean | null>;

/** The form as the API's body: 元 → 分 from the decimal text; empty guarantee → null; bank/account null unless supervised. */
function readRecord(
  form: HTMLFormElement,
): { ok: true; body: RecordBody } | { ok: false; errors: Array<{ field: string; reason: string }> } {
  const data = new FormData(form);
  const text = (name: string): string => String(data.get(name) ?? '').trim();
  const errors: Array<{ field: string; reason: string }> = [];
  let guarantee: number | null = null;
  if (text('capitalGuaranteeAmount')) {
    const g = yuanToFen(text('capitalGuaranteeAmount'), MAX_FEN);
    if (g.ok) guarantee = g.fen;
    else errors.push({ field: 'capitalGuaranteeAmount', reason: g.reason });
  }
  const b = yuanToFen(text('balance'), MAX_FEN);
  if (!b.ok) errors.push({ field: 'balance', reason: b.reason });
  if (errors.length) return { ok: false, errors };
  const supervision = data.get('fundSupervision');
  const supervised = supervision === null ? null : supervision === 'true';
  const body: RecordBody = {
    capitalGuaranteeAmount: guarantee,
    commitmentLetter: data.get('commitmentLetter') !== null,
    fundSupervision: supervised,
    bank: supervised === false ? null : text('bank') || null,
    account: supervised === false ? null : text('account') || null,
    balance: b.ok ? b.fen : 0,
    balanceAsOf: text('balanceAsOf') || null,
  };
  return { ok: true, body };
}

async function withdrawRecord(record: EscrowRecord, message: HTMLElement, reload: () => void): Promise<void> {
  const ok = await confirmDialog({
    title: '撤回资金监管信息 Withdraw',
    body: [
      h(
        'p',
        {},
        `撤回预售许可证 ${record.presaleNumber} 资金监管信息的第 ${record.version} 版（须为本人录入的最近版本）：`,
        record.version > 1 ? '恢复为上一版本。' : '这是唯一的版本，撤回后该草稿删除。',
      ),
      h('p', {}, '撤回的版本保留在版本列表中。'),
    ],
    confirm: '确认撤回 Withdraw',
  });
  if (ok === null) return;
  try {
    const res = await postJson<{ withdrawnVersion: number; outcome: string }>('/api/v1/supervision/escrow/withdraw', {
      presaleNumber: record.presaleNumber,
    });
    setFlash(
      res.outcome === 'RESTORED'
        ? `已撤回第 ${res.withdrawnVersion} 版，恢复为上一版本 (withdrawn, previous version restored)`
        : `已撤回第 ${res.withdrawnVersion} 版，草稿已删除 (withdrawn, draft removed)`,
    );
    reload();
  } catch (err) {
    showProblem(err, message);
  }
}

async function submitRecord(record: EscrowRecord, message: HTMLElement, reload: () => void): Promise<void> {
  const ok = await confirmDialog({
    title: '提交并锁定资金监管信息 Submit and lock',
    body: [
      h(
        'p',
        { class: 'lock-warning' },
        `提交后，预售许可证 ${record.presaleNumber}（${record.projectName}）的以下资金监管信息将锁定，不能再修改或撤回；确需更正须书面报告省厅，由管理员更正：`,
      ),
      recordFacts(record),
      record.commitmentLetter && !record.commitmentLetterScan
        ? h('p', { class: 'error' }, '已选择承诺函但尚未上传扫描件，服务器将拒绝提交。')
        : null,
    ],
    confirm: '确认提交并锁定 Submit',
  });
  if (ok === null) return;
  try {
    await postJson('/api/v1/supervision/escrow/submit', { presaleNumbers: [record.presaleNumber] });
    setFlash(
      `已提交并锁定预售许可证 ${record.presaleNumber} 的资金监管信息（第 ${record.version} 版）(submitted, locked)`,
    );
    reload();
  } catch (err) {
    showProblem(err, message);
  }
}
