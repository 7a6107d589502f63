import { ApiError, getJson, SessionExpired } from '../api.js';
import { field, h, showFieldErrors } from '../dom.js';
import { go, href } from '../route.js';
import { BOUNDS, hunanMapPicker } from '../widgets/hunan-map.js';
import { SCAN_ACCEPT, scanProblem, uploadScan } from '../upload.js';
import { listParams } from './backfill-common.js';
import { backfillIssuedPage, Issued } from './backfill-issued.js';
import { collectSubmission, FieldError } from './backfill-submission.js';

interface Permit {
  permitNumber: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  developerName: string;
  developerCreditCode: string;
  issueDate: string;
}
interface Unit {
  unitCode: string;
  name: string;
  floors: number;
  floorArea: number;
}

const text = (name: string, attrs: Record<string, string | number | boolean> = {}): HTMLInputElement =>
  h('input', { name, ...attrs });

/** An idempotency key per form: a retry after a lost answer gets the same Z number, never a second one. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function fieldset(legend: string, ...children: Array<Node | null>): HTMLFieldSetElement {
  return h('fieldset', { class: 'group' }, h('legend', {}, legend), ...children);
}

/** #/backfill/new?permits=A,B: the 补录预售许可 form for permits of one project (prefilled from the permits). */
export async function backfillFormPage(params: URLSearchParams): Promise<HTMLElement> {
  const back = h(
    'a',
    { href: href('/backfill', listParams(params)), class: 'back', id: 'back-to-candidates' },
    '← 返回待补录项目 Back',
  );
  const numbers = (params.get('permits') ?? '').split(',').filter((n) => /^\d{18}$/.test(n));
  if (!numbers.length || numbers.length > 50)
    return h(
      'section',
      {},
      back,
      h('h1', {}, '补录预售许可证'),
      h('p', { role: 'alert', class: 'error' }, '请先在待补录项目中勾选 1–50 个施工许可证 (tick permits first)'),
    );
  const permits = await Promise.all(
    numbers.map((n) => getJson<Permit>(`/api/v1/construction-permits/${encodeURIComponent(n)}`)),
  );
  const units = (
    await Promise.all(
      numbers.map((n) => getJson<Unit[]>(`/api/v1/construction-permits/${encodeURIComponent(n)}/units`)),
    )
  ).flat();
  const first = permits[0]!;

  const unitError = h('p', { class: 'field-error', id: 'units-error', hidden: true });
  const unitBoxes = units.map((u) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'unitCodes', value: u.unitCode, checked: true }),
      ` ${u.name}（${u.unitCode}，${u.floors} 层，${u.floorArea} ㎡）`,
    ),
  );
  const lat = text('location.lat', {
    inputmode: 'decimal',
    placeholder: `${BOUNDS.minLat}–${BOUNDS.maxLat}`,
    autocomplete: 'off',
  });
  const lng = text('location.lng', {
    inputmode: 'decimal',
    placeholder: `${BOUNDS.minLng}–${BOUNDS.maxLng}`,
    autocomplete: 'off',
  });
  const scan = h('input', { type: 'file', name: 'scan', accept: SCAN_ACCEPT });
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, 'aria-labelledby': 'upload-label' });
  const progressText = h('span', { id: 'upload-text' }, '尚未上传');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'issue-backfill' }, '补录并取得 Z 编号 Backfill');
  const message = h('div', { role: 'alert', class: 'error', id: 'backfill-error', tabindex: '-1' });

  const form = h(
    'form',
    { class: 'card backfill-form', id: 'backfill-form', novalidate: true, 'aria-labelledby': 'backfill-title' },
    fieldset(
      '施工许可证与单体 Permits and units',
      h(
        'ul',
        { class: 'plain', id: 'form-permits' },
        permits.map((p) => h('li', { class: 'num' }, `${p.permitNumber}（发证 ${p.issueDate}）`)),
      ),
      h(
        'fieldset',
        { class: 'units', 'aria-describedby': 'units-error' },
        h('legend', {}, '预售单体（须属于所列施工许可证）Units'),
        units.length ? unitBoxes : h('p', { class: 'empty' }, '施工许可证未登记单体 (no units)'),
        unitError,
      ),
    ),
    fieldset(
      '预售许可证 Certificate',
      field('本地预售许可证号 Local number', text('localCertificateNumber', { maxlength: 100, required: true })),
      field('发证机关 Issuing authority', text('issuingAuthority', { maxlength: 100, required: true })),
      field('发证日期 Issue date', text('issueDate', { type: 'date', required: true })),
      field('规划用途 Planned use', text('plannedUse', { maxlength: 50, required: true, value: '住宅' })),
    ),
    fieldset(
      '开发企业 Developer（按施工许可证登记的建设单位预填）',
      field('企业名称 Name', text('developer.name', { maxlength: 200, required: true, value: first.developerName })),
      field(
        '统一社会信用代码 Credit code',
        text('developer.creditCode', { maxlength: 18, required: true, value: first.developerCreditCode }),
      ),
    ),
    fieldset(
      '项目与房屋 Project',
      field('项目名称 Project name', text('projectName', { maxlength: 200, required: true, value: first.projectName })),
      field('坐落地址 Address', text('address', { maxlength: 300, required: true })),
      field(
        '预售楼栋 Buildings（多个用顿号或逗号分隔）',
        text('buildings', { required: true, placeholder: '如 22#、23#' }),
      ),
      field('预售面积（㎡）Area', text('presaleArea', { inputmode: 'decimal', required: true })),
      field('预售套数 Units for sale', text('unitCount', { inputmode: 'numeric', required: true })),
    ),
    fieldset(
      '预售资金监管（可选，填写时两项均须填）Escrow account (optional)',
      field('监管银行 Bank', text('fundSupervision.bank', { maxlength: 100 })),
      field('监管账号 Account', text('fundSupervision.account', { maxlength: 40, inputmode: 'numeric' })),
    ),
    fieldset(
      '落图选点 Location（点击地图或输入经纬度）',
      await hunanMapPicker(lat, lng),
      h('div', { class: 'coords' }, field('纬度 Latitude（北纬）', lat), field('经度 Longitude（东经）', lng)),
    ),
    fieldset(
      '预售许可证扫描件 Scan',
      field('扫描件 Scan（PDF、JPEG 或 PNG，≤ 20 MB）', scan),
      h('div', { class: 'upload' }, h('span', { id: 'upload-label' }, '上传进度 Upload'), progress, progressText),
    ),
    h('div', { class: 'actions' }, submit),
    message,
  );

  let key = newKey();
  const placeErrors = (errors: FieldError[]): void => {
    const unitErrors = errors.filter((e) => e.field.startsWith('unitCodes'));
    const others = errors
      .filter((e) => !e.field.startsWith('unitCodes'))
      .map((e) => ({
        ...e,
        field: form.querySelector(`[name="${CSS.escape(e.field)}"]`) ? e.field : e.field.replace(/\[\d+\]$/, ''),
      }));
    const unplaced = showFieldErrors(form, others);
    unitError.hidden = !unitErrors.length;
    unitError.textContent = unitErrors.map((e) => e.reason).join('；');
    if (unitErrors.length && !others.length) form.querySelector<HTMLElement>('[name="unitCodes"]')?.focus();
    message.textContent = errors.length
      ? `请更正标出的 ${errors.length} 处问题${unplaced.length ? `：${unplaced.join('；')}` : ''} (please correct the marked fields)`
      : '';
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const { submission, errors } = collectSubmission(form, numbers);
      const file = scan.files?.[0];
      const problem = await scanProblem(file);
      if (problem) errors.push({ field: 'scan', reason: problem });
      placeErrors(errors);
      if (errors.length || !file) return;
      submit.disabled = true;
      progress.value = 0;
      progressText.textContent = '正在上传… (uploading)';
      try {
        const issued = await uploadScan<Issued>(
          'POST',
          '/api/v1/supervision/backfill/presale-permits',
          { data: submission, scan: file },
          undefined,
          {
            headers: { 'idempotency-key': key },
            onProgress: (loaded, total) => {
              progress.value = Math.round((loaded / total) * 100);
              progressText.textContent = `已上传 ${progress.value}%`;
            },
          },
        );
        progress.value = 100;
        const back = listParams(params);
        history.replaceState(null, '', href(`/backfill/z/${issued.presaleNumber}`, back));
        const page = await backfillIssuedPage(issued.presaleNumber, back, {
          issued,
          notice: `已补录，取得编号 ${issued.presaleNumber}（草稿：提交后生效）(backfilled as a draft)`,
        });
        document.getElementById('main')?.replaceChildren(page);
        document.title = `${issued.presaleNumber} - 湖南省预售商品房监管平台`;
        page.querySelector<HTMLElement>('#issued-notice')?.focus();
      } catch (err) {
        submit.disabled = false;
        if (err instanceof SessionExpired) return go('/login', { expired: '1' });
        if (!(err instanceof ApiError)) throw err;
        if (err.problem.status !== 0) key = newKey(); // refused: nothing was kept, the next try is a new request
        progressText.textContent = err.problem.status === 0 ? '上传中断 (upload interrupted)' : '未保存 (not saved)';
        placeErrors(err.problem.errors ?? []);
        message.textContent = `${err.problem.detail} (${err.problem.code})${message.textContent ? `；${message.textContent}` : ''}`;
        if (!err.problem.errors?.length) message.focus();
      }
    })();
  });

  return h(
    'section',
    {},
    back,
    h('h1', { id: 'backfill-title' }, '补录预售许可证'),
    h(
      'p',
      { class: 'hint' },
      `项目：${first.projectName}（${first.projectCode}）。切换日前核发的预售许可证补录后取得 Z 编号，为草稿；提交后锁定并生效。`,
    ),
    form,
  );
}
