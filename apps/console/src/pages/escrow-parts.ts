/** Pieces of the escrow page: the record as read, its versions, and the commitment letter upload. */
import { Child, formatTime, h } from '../dom.js';
import { dataTable, fileSize, setFlash, showProblem, statusLine } from '../kit.js';
import { fenToYuan } from '../money.js';
import { SCAN_ACCEPT, scanProblem, uploadProgress, uploadScan } from '../upload.js';
import { EscrowRecord, StoredScan } from './escrow-list.js';

export interface EscrowVersion {
  version: number;
  capitalGuaranteeAmount: number | null;
  commitmentLetter: boolean;
  fundSupervision: boolean;
  bank: string | null;
  account: string | null;
  balance: number;
  balanceAsOf: string;
  enteredBy: string;
  enteredAt: string;
  withdrawnAt: string | null;
  submittedAt: string | null;
  commitmentLetterScan: StoredScan | null;
  correction: { reason: string; documentNumber: string; reportScan: StoredScan } | null;
}

export const yuan = (fen: number | null): string => (fen === null ? '以承诺函替代' : `${fenToYuan(fen)} 元`);
const yes = (b: boolean): string => (b ? '是' : '否');

export function scanText(scan: StoredScan | null): string {
  if (!scan) return '—';
  return `${scan.fileName}（${fileSize(scan.size)}，SHA-256 ${scan.sha256.slice(0, 12)}…，${formatTime(scan.uploadedAt)}）`;
}

/** The record's values as a description list: shown in the page and in the submit confirmation. */
export function recordFacts(r: EscrowRecord): HTMLElement {
  const facts: Array<[string, Child]> = [
    ['预售许可证', `${r.presaleNumber}（${r.projectName}）`],
    ['版本', `第 ${r.version} 版，${r.enteredBy} 录入于 ${formatTime(r.updatedAt)}`],
    ['资本保证金总额', yuan(r.capitalGuaranteeAmount)],
    ['资本保证金承诺函', r.commitmentLetter ? `有；扫描件 ${scanText(r.commitmentLetterScan)}` : '无'],
    ['实行预售资金监管', yes(r.fundSupervision)],
    ['监管银行', r.bank ?? '—'],
    ['监管账号', r.account ?? '—'],
    ['监管账户余额', `${fenToYuan(r.balance)} 元（${r.balance} 分），截至 ${r.balanceAsOf}`],
  ];
  return h(
    'dl',
    { class: 'facts' },
    facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

/** Every version, newest first; `current` is the record's version (the others were withdrawn or superseded). */
export function versionsTable(versions: EscrowVersion[], current: number | null): HTMLElement {
  if (!versions.length) return h('p', { class: 'empty' }, '尚无版本 (no versions yet)');
  const headers = [
    '版本',
    '资本保证金',
    '承诺函',
    '资金监管',
    '监管银行',
    '监管账号',
    '余额（元）',
    '余额日期',
    '录入',
    '状态',
  ];
  return dataTable(
    'escrow-versions',
    `共 ${versions.length} 个版本（含已撤回的版本，全部保留）`,
    headers,
    [...versions].reverse().map((v) => ({
      attrs: { 'data-version': String(v.version) },
      cells: [
        `第 ${v.version} 版`,
        yuan(v.capitalGuaranteeAmount),
        v.commitmentLetter
          ? `有 ${v.commitmentLetterScan ? `· ${v.commitmentLetterScan.fileName}` : '· 未上传扫描件'}`
          : '无',
        yes(v.fundSupervision),
        v.bank ?? '—',
        v.account ?? '—',
        h('span', { class: 'num' }, fenToYuan(v.balance)),
        v.balanceAsOf,
        `${v.enteredBy} · ${formatTime(v.enteredAt)}`,
        v.correction
          ? `管理员更正：${v.correction.reason}（${v.correction.documentNumber}）`
          : v.withdrawnAt
            ? `已撤回 ${formatTime(v.withdrawnAt)}`
            : v.submittedAt
              ? `已提交锁定 ${formatTime(v.submittedAt)}`
              : v.version === current
                ? '草稿（当前版本）'
                : '已被后续版本取代',
      ],
    })),
    '资金监管信息版本 Versions',
  );
}

/**
 * 承诺函扫描件: type and size checked here before the upload (the gateway checks the content again);
 * the upload stores a new version with commitmentLetter = true.
 */
export function letterUpload(record: EscrowRecord, reload: () => void): HTMLElement {
  const input = h('input', { type: 'file', name: 'scan', id: 'f-letter', accept: SCAN_ACCEPT });
  input.setAttribute('aria-describedby', 'f-letter-hint f-letter-error');
  const error = h('p', { class: 'field-error', id: 'f-letter-error', role: 'alert' });
  const progress = uploadProgress('letter-progress');
  const status = statusLine('letter-status');
  const button = h('button', { type: 'submit', id: 'upload-letter' }, '上传承诺函 Upload');
  const form = h(
    'form',
    { class: 'card upload', id: 'letter-form', novalidate: true, 'aria-labelledby': 'letter-title' },
    h('h2', { id: 'letter-title' }, '资本保证金承诺函扫描件 Commitment letter'),
    h('p', {}, '当前扫描件：', h('span', { id: 'letter-current' }, scanText(record.commitmentLetterScan))),
    h(
      'div',
      { class: 'field' },
      h('label', { for: input.id }, '选择扫描件 File'),
      input,
      h(
        'p',
        { class: 'hint', id: 'f-letter-hint' },
        'PDF、JPEG 或 PNG，不超过 20 MB；上传后生成新版本并勾选“有承诺函”。',
      ),
      error,
    ),
    progress,
    h('div', { class: 'actions' }, button),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      const file = input.files?.[0];
      const problem = await scanProblem(file);
      if (problem || !file) {
        error.textContent = problem;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      button.disabled = true;
      status.className = 'notice';
      status.textContent = `正在上传 ${file.name}… (uploading)`;
      try {
        const res = await uploadScan<{ outcome: string; record: EscrowRecord }>(
          'PUT',
          `/api/v1/supervision/escrow/${record.presaleNumber}/commitment-letter`,
          { scan: file },
          progress,
        );
        setFlash(
          res.outcome === 'unchanged'
            ? `承诺函扫描件与当前的相同，未生成新版本 (same scan, unchanged)`
            : `已上传承诺函 ${file.name}，生成第 ${res.record.version} 版（草稿）(uploaded)`,
        );
        reload();
      } catch (err) {
        button.disabled = false;
        progress.hidden = true;
        showProblem(err, status);
      }
    })();
  });
  return form;
}
