import { ApiError, getJson, postJson, request } from '../api.js';
import { formatTime, h, saveFile } from '../dom.js';
import { label } from '../labels.js';
import { href } from '../route.js';
import { canWrite } from '../session.js';
import { confirmDialog } from '../widgets/confirm-dialog.js';
import { showProblem } from './marking-actions.js';
import { BACKFILL_STATES, BACKFILL_STATUSES, Candidate } from './backfill-common.js';

interface PresalePermit {
  presaleNumber: string;
  constructionPermitNumbers: string[];
  unitCodes: string[];
  localCertificateNumber: string;
  issuingAuthority: string;
  issueDate: string;
  developer: { name: string; creditCode: string };
  projectName: string;
  projectCode: string;
  regionCode: string;
  address: string;
  buildings: string[];
  presaleArea: number;
  unitCount: number;
  plannedUse: string;
  fundSupervision: { bank: string; account: string } | null;
  location: { lat: number; lng: number };
  verifyUrl: string;
  status: string;
  issuedAt: string;
}

interface Backfilled {
  permit: PresalePermit;
  status: string;
  backfillState: string;
  backfilledBy: string;
  scan: { sha256: string; contentType: string; size: number; fileName: string; uploadedAt: string };
}

export interface Issued {
  presaleNumber: string;
  verifyUrl: string;
  backfill: Backfilled;
}

interface Known {
  /** the answer of 补录 itself, shown without asking again */
  issued?: Issued;
  /** the backfill state as the last action's answer gave it */
  state?: { backfillState: string; status: string };
  notice?: string;
}

/** The backfill state (DRAFT / SUBMITTED, status) of a Z number: from its project's entry in the candidates. */
async function stateOf(permit: PresalePermit): Promise<{ backfillState: string; status: string } | null> {
  const q = new URLSearchParams({ keyword: permit.constructionPermitNumbers[0] ?? '', pageSize: '100' });
  const page = await getJson<{ items: Candidate[] }>(`/api/v1/supervision/backfill/candidates?${q.toString()}`);
  for (const c of page.items) {
    const b = c.backfilled.find((x) => x.presaleNumber === permit.presaleNumber);
    if (b) return { backfillState: b.backfillState, status: b.status };
  }
  return null;
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result)));
    reader.addEventListener('error', () => reject(reader.error ?? new Error('read failed')));
    reader.readAsDataURL(blob);
  });
}

/** The gateway's QR route (with the staff token) as a data: image (the console's CSP allows data: images only). */
function qrImage(presaleNumber: string): HTMLElement {
  const img = h('img', { id: 'qr', alt: `预售许可证 ${presaleNumber} 的核验二维码`, width: 160, height: 160 });
  const status = h('p', { class: 'hint', id: 'qr-status' }, '正在载入二维码… (loading)');
  void request(`/api/v1/presale-permits/${presaleNumber}/qr.png`, { headers: { accept: 'image/png' } })
    .then(async (res) => {
      img.src = await blobToDataUrl(await res.blob());
      status.textContent = '扫码核验（提交前核验显示为未提交的草稿）';
    })
    .catch((err: unknown) => {
      status.textContent = err instanceof ApiError ? `二维码未能载入：${err.problem.detail}` : String(err);
    });
  return h('figure', { class: 'qr card' }, img, h('figcaption', {}, status));
}

/** 套打版式: the print overlay PDF, fetched with the token and saved under the server's file name. */
function printLink(presaleNumber: string, status: HTMLElement): HTMLElement {
  const path = `/api/v1/presale-permits/${presaleNumber}/print-layout.pdf`;
  const link = h('a', { href: path, id: 'print-layout' }, '下载套打版式（PDF）Print layout');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    status.textContent = '正在生成套打版式… (preparing)';
    void request(path, { headers: { accept: 'application/pdf' } })
      .then(async (res) => {
        const name =
          /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
          `${presaleNumber}-print-layout.pdf`;
        saveFile(await res.blob(), name);
        status.textContent = `已下载 ${name}（在已印制的证书上套打：左上角编号，左下角二维码）`;
      })
      .catch((err: unknown) => {
        status.textContent = err instanceof ApiError ? err.problem.detail : String(err);
      });
  });
  return link;
}

/** #/backfill/z/{presaleNumber}: the Z number, its QR and print layout, and 撤回 / 提交 while it is a draft. */
export async function backfillIssuedPage(
  presaleNumber: string,
  params: URLSearchParams,
  known: Known = {},
): Promise<HTMLElement> {
  const permit =
    known.issued?.backfill.permit ?? (await getJson<PresalePermit>(`/api/v1/presale-permits/${presaleNumber}`));
  const state = known.issued
    ? { backfillState: known.issued.backfill.backfillState, status: known.issued.backfill.status }
    : (known.state ?? (await stateOf(permit)));
  const notice = h('div', { role: 'status', class: 'notice', id: 'issued-notice', tabindex: '-1' }, known.notice ?? '');
  const fileStatus = h('p', { role: 'status', class: 'status', id: 'print-status' });
  const facts: Array<[string, string]> = [
    ['统一编号', permit.presaleNumber],
    ['补录状态', state ? label(BACKFILL_STATES, state.backfillState) : '—'],
    ['证书状态', label(BACKFILL_STATUSES, state?.status ?? permit.status)],
    ['本地预售许可证号', permit.localCertificateNumber],
    ['发证机关', permit.issuingAuthority],
    ['发证日期', permit.issueDate],
    ['项目名称', permit.projectName],
    ['开发企业', `${permit.developer.name}（${permit.developer.creditCode}）`],
    ['坐落地址', permit.address],
    ['施工许可证', permit.constructionPermitNumbers.join('、')],
    ['预售楼栋', permit.buildings.join('、')],
    ['预售面积', `${permit.presaleArea} ㎡`],
    ['预售套数', String(permit.unitCount)],
    ['规划用途', permit.plannedUse],
    ['预售资金监管', permit.fundSupervision ? `${permit.fundSupervision.bank} ${permit.fundSupervision.account}` : '—'],
    ['落图选点', `北纬 ${permit.location.lat}°，东经 ${permit.location.lng}°`],
    ['核验地址', permit.verifyUrl],
    ['编号时间', formatTime(permit.issuedAt)],
  ];
  if (known.issued)
    facts.push(['扫描件', `${known.issued.backfill.scan.fileName}（${known.issued.backfill.scan.size} 字节）`]);
  const section = h(
    'section',
    {},
    h('a', { href: href('/backfill', params), class: 'back', id: 'back-to-candidates' }, '← 返回待补录项目 Back'),
    h('h1', {}, h('span', { class: 'num', id: 'z-number' }, permit.presaleNumber)),
    notice,
    h(
      'div',
      { class: 'issued' },
      h(
        'dl',
        { class: 'facts card' },
        facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
      h(
        'div',
        { class: 'issued-side' },
        qrImage(permit.presaleNumber),
        printLink(permit.presaleNumber, fileStatus),
        fileStatus,
      ),
    ),
  );
  if (canWrite() && state?.backfillState === 'DRAFT' && state.status === 'VALID')
    section.appendChild(actions(permit, params, notice));
  return section;
}

function actions(permit: PresalePermit, params: URLSearchParams, notice: HTMLElement): HTMLElement {
  const n = permit.presaleNumber;
  const rerender = async (state: Known['state'], text: string): Promise<void> => {
    const fresh = await backfillIssuedPage(n, params, { state, notice: text });
    document.getElementById('main')?.replaceChildren(fresh);
    fresh.querySelector<HTMLElement>('#issued-notice')?.focus();
  };
  const withdraw = h('button', { type: 'button', id: 'withdraw-backfill' }, '撤回 Withdraw');
  withdraw.addEventListener('click', () => {
    void (async () => {
      const ok = await confirmDialog({
        id: 'withdraw-dialog',
        title: `撤回 ${n}？`,
        body: [
          h(
            'p',
            {},
            `撤回后编号 ${n} 作废、永不复用，其二维码核验为「已撤回」；本地证号「${permit.localCertificateNumber}」释放，可重新补录（取得下一个 Z 序号）。`,
          ),
        ],
        confirm: '确认撤回（编号作废）',
      });
      if (!ok) return;
      try {
        await postJson('/api/v1/supervision/backfill/presale-permits/withdraw', { presaleNumber: n });
        await rerender({ backfillState: 'DRAFT', status: 'WITHDRAWN' }, `已撤回 ${n}，编号作废 (withdrawn)`);
      } catch (err) {
        showProblem(notice, err);
      }
    })();
  });
  const submit = h('button', { type: 'button', class: 'primary', id: 'submit-backfill' }, '提交 Submit');
  submit.addEventListener('click', () => {
    void (async () => {
      const ok = await confirmDialog({
        id: 'submit-backfill-dialog',
        title: `提交并锁定 ${n}？`,
        body: [
          h(
            'p',
            {},
            `提交后预售许可证 ${n}（${permit.projectName}，本地证号 ${permit.localCertificateNumber}）的补录信息生效并锁定：不能再撤回或修改，扫码核验为有效证书，并进入资金监管清单；确需更正须书面报告省厅，由省厅管理员纠错。`,
          ),
        ],
        confirm: '确认提交并锁定',
      });
      if (!ok) return;
      try {
        const res = await postJson<{ items: Backfilled[] }>('/api/v1/supervision/backfill/presale-permits/submit', {
          presaleNumbers: [n],
        });
        const item = res.items.find((i) => i.permit.presaleNumber === n);
        await rerender(
          item ? { backfillState: item.backfillState, status: item.status } : undefined,
          `已提交并锁定 ${n} (submitted and locked)`,
        );
      } catch (err) {
        showProblem(notice, err);
      }
    })();
  });
  return h('div', { class: 'toolbar card', role: 'group', 'aria-label': '补录操作 Actions' }, withdraw, submit);
}
