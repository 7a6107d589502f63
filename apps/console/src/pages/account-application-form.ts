import { getJson } from '../api.js';
import { PERMISSIONS } from '../account-labels.js';
import { field, h } from '../dom.js';
import { filterParams, sendJson, setFlash, showProblem, statusLine } from '../kit.js';
import { go, href } from '../route.js';
import { APPLICATION_FILTERS, AccountApplication, ResponsiblePerson } from './account-applications.js';

/** What the form holds for one person; `id` and `maskedId` for a saved one (its ID number kept unless retyped). */
interface PersonDraft {
  id?: string;
  maskedId?: string;
  name: string;
  mobile: string;
  idNumber: string;
  unitName: string;
  unitIsPermitAuthority: boolean;
  unitCreditCode: string;
  permissions: string[];
}

const MAX_PERSONS = 20;

const blank = (): PersonDraft => ({
  name: '',
  mobile: '',
  idNumber: '',
  unitName: '',
  unitIsPermitAuthority: true,
  unitCreditCode: '',
  permissions: PERMISSIONS.map(([code]) => code),
});

const fromSaved = (p: ResponsiblePerson): PersonDraft => ({
  id: p.id,
  maskedId: p.idNumber,
  name: p.name,
  mobile: p.mobile,
  idNumber: '',
  unitName: p.unitName,
  unitIsPermitAuthority: p.unitIsPermitAuthority,
  unitCreditCode: p.unitCreditCode ?? '',
  permissions: [...p.permissions],
});

/**
 * The form of 附件2 for one county (new, or a draft / returned form being changed): the city's
 * sign-offs and contact, then one block per responsible person (添加责任人 / 删除). Field errors of
 * the server land beside their fields (`persons[1].idNumber`). ID numbers of saved persons are shown
 * masked and kept unless retyped.
 */
export async function applicationFormPage(id: string | null, params: URLSearchParams): Promise<HTMLElement> {
  const saved = id ? await getJson<AccountApplication>(`/api/v1/account-applications/${id}`) : null;
  const listParams = filterParams(params, [...APPLICATION_FILTERS, 'page']);
  let persons: PersonDraft[] = saved ? saved.persons.map(fromSaved) : [blank()];
  const result = statusLine('application-result');
  const text = (name: string, value: string, extra: Record<string, string | number | boolean> = {}) =>
    h('input', { name, id: `f-${name}`, value, ...extra });
  const form = h(
    'form',
    { class: 'entry card', id: 'application-form', novalidate: true },
    h('h2', {}, '申请表 Form'),
    h(
      'div',
      { class: 'grid' },
      field(
        '县市区代码 County code',
        text('countyCode', saved?.countyCode ?? params.get('countyCode') ?? '', {
          inputmode: 'numeric',
          maxlength: 6,
          placeholder: '如 430223（攸县）',
          required: true,
        }),
      ),
      field(
        '局主要领导审签 Bureau head',
        text('mainLeader', saved?.mainLeader ?? '', { maxlength: 50, required: true }),
      ),
      field(
        '分管领导审签 Deputy in charge',
        text('leaderInCharge', saved?.leaderInCharge ?? '', { maxlength: 50, required: true }),
      ),
      field('工作联系人 Contact', text('contactName', saved?.contactName ?? '', { maxlength: 50, required: true })),
      field(
        '联系手机号 Contact mobile',
        text('contactMobile', saved?.contactMobile ?? '', {
          inputmode: 'numeric',
          maxlength: 11,
          autocomplete: 'off',
          required: true,
        }),
      ),
    ),
  );
  const personsBox = h('div', { id: 'persons' });
  const add = h('button', { type: 'button', id: 'add-person' }, '添加责任人 Add a person');
  const save = h('button', { type: 'submit', class: 'primary', id: 'save-application' }, '保存草稿 Save draft');
  form.append(
    h('h2', {}, '标记补录责任人 Responsible persons'),
    h(
      'p',
      { class: 'hint' },
      '工作量较大时同一县市区可申请多人；姓名、手机号、身份证号须真实准确。单位名称应尽量与施工许可证审批发证机关一致，不一致时须填写单位统一社会信用代码。身份证号加密保存，之后只显示脱敏号码。',
    ),
    personsBox,
    h('div', { class: 'actions' }, add),
    h(
      'div',
      { class: 'actions' },
      save,
      h('a', { href: href('/account-applications', listParams), class: 'back' }, '取消 Cancel'),
    ),
    result,
  );

  const draw = (): void => {
    personsBox.replaceChildren(...persons.map((p, i) => personBlock(p, i, persons.length > 1)));
    add.hidden = persons.length >= MAX_PERSONS;
  };
  personsBox.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const index = target.dataset['remove'];
    if (index === undefined) return;
    persons = collect(form, persons);
    persons.splice(Number(index), 1);
    draw();
    personsBox.querySelector<HTMLInputElement>(`[name="persons[${Math.max(0, Number(index) - 1)}].name"]`)?.focus();
  });
  personsBox.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    const match = /^persons\[(\d+)\]\.unitIsPermitAuthority$/.exec(target.name);
    if (match) personsBox.querySelector<HTMLElement>(`#credit-${match[1]}`)!.hidden = target.checked;
  });
  add.addEventListener('click', () => {
    persons = [...collect(form, persons), blank()];
    draw();
    personsBox.querySelector<HTMLInputElement>(`[name="persons[${persons.length - 1}].name"]`)?.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    persons = collect(form, persons);
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const body = {
      countyCode: value('countyCode'),
      mainLeader: value('mainLeader'),
      leaderInCharge: value('leaderInCharge'),
      contactName: value('contactName'),
      contactMobile: value('contactMobile'),
      persons: persons.map((p) => ({
        ...(p.id ? { id: p.id } : {}),
        name: p.name,
        mobile: p.mobile,
        ...(p.idNumber || !p.id ? { idNumber: p.idNumber } : {}),
        unitName: p.unitName,
        unitIsPermitAuthority: p.unitIsPermitAuthority,
        ...(!p.unitIsPermitAuthority || p.unitCreditCode ? { unitCreditCode: p.unitCreditCode } : {}),
        permissions: p.permissions,
      })),
    };
    save.disabled = true;
    void (async () => {
      try {
        const stored = id
          ? await sendJson<AccountApplication>('PUT', `/api/v1/account-applications/${id}`, body)
          : await sendJson<AccountApplication>('POST', '/api/v1/account-applications', body);
        setFlash(`已保存 ${stored.countyName} 的申请草稿，核对无误后请报送省厅 (saved)`);
        go(`/account-applications/${stored.id}`, listParams);
      } catch (err) {
        save.disabled = false;
        showProblem(err, result, form);
      }
    })();
  });
  draw();
  return h(
    'section',
    {},
    h('a', { href: href('/account-applications', listParams), class: 'back' }, '← 返回申请列表 Back to list'),
    h('h1', {}, saved ? `修改申请 ${saved.countyName}` : '新建账号申请 New application'),
    saved?.returnReason
      ? h('p', { class: 'lock-warning', id: 'return-reason' }, `省厅退回原因：${saved.returnReason}`)
      : null,
    form,
  );
}

/** One person's fields, named as the API names them (persons[i].field) so server errors land beside them. */
function personBlock(p: PersonDraft, i: number, removable: boolean): HTMLElement {
  const n = (f: string) => `persons[${i}].${f}`;
  const input = (f: string, value: string, extra: Record<string, string | number | boolean> = {}) =>
    h('input', { name: n(f), id: `p${i}-${f}`, value, ...extra });
  const authority = h('input', {
    type: 'checkbox',
    name: n('unitIsPermitAuthority'),
    id: `p${i}-unitIsPermitAuthority`,
    checked: p.unitIsPermitAuthority,
  });
  const permError = h('p', { class: 'field-error', id: `p${i}-permissions-error`, hidden: true });
  const perms = PERMISSIONS.map(([code, text], k) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'checkbox',
        name: n('permissions'),
        value: code,
        id: k === 0 ? `p${i}-permissions` : `p${i}-permissions-${k}`,
        checked: p.permissions.includes(code),
        'aria-describedby': permError.id,
      }),
      text,
    ),
  );
  const credit = h(
    'div',
    { id: `credit-${i}`, hidden: p.unitIsPermitAuthority },
    field(
      '单位统一社会信用代码 Unit credit code',
      input('unitCreditCode', p.unitCreditCode, { maxlength: 18, autocapitalize: 'characters' }),
    ),
  );
  return h(
    'fieldset',
    { class: 'field person', 'data-person': String(i) },
    h('legend', {}, `责任人 ${i + 1} Person ${i + 1}`),
    h(
      'div',
      { class: 'grid' },
      field('姓名 Name', input('name', p.name, { maxlength: 50, required: true })),
      field('手机号 Mobile', input('mobile', p.mobile, { inputmode: 'numeric', maxlength: 11, autocomplete: 'off' })),
      field(
        p.maskedId ? `身份证号（已保存 ${p.maskedId}，留空不变）ID number` : '身份证号 ID number',
        input('idNumber', p.idNumber, {
          maxlength: 18,
          autocomplete: 'off',
          autocapitalize: 'characters',
          ...(p.maskedId ? { placeholder: p.maskedId } : { required: true }),
        }),
      ),
      field('单位名称 Unit', input('unitName', p.unitName, { maxlength: 100, required: true })),
    ),
    h(
      'label',
      { class: 'choice', for: authority.id },
      authority,
      '单位即施工许可证审批发证机关 The unit issues the permits',
    ),
    credit,
    h('fieldset', { class: 'field' }, h('legend', {}, '申请权限 Permissions'), ...perms, permError),
    removable
      ? h(
          'button',
          { type: 'button', class: 'small', 'data-remove': String(i) },
          '删除此责任人',
          h('span', { class: 'visually-hidden' }, ` ${i + 1}`),
        )
      : null,
  );
}

/** The persons as typed now (the saved ids and masked numbers carried over by position). */
function collect(form: HTMLFormElement, previous: PersonDraft[]): PersonDraft[] {
  return previous.map((p, i) => {
    const get = (f: string) => form.querySelector<HTMLInputElement>(`[name="persons[${i}].${f}"]`);
    return {
      ...(p.id ? { id: p.id, maskedId: p.maskedId } : {}),
      name: get('name')?.value.trim() ?? '',
      mobile: get('mobile')?.value.trim() ?? '',
      idNumber: get('idNumber')?.value.trim().toUpperCase() ?? '',
      unitName: get('unitName')?.value.trim() ?? '',
      unitIsPermitAuthority: get('unitIsPermitAuthority')?.checked ?? true,
      unitCreditCode: get('unitCreditCode')?.value.trim().toUpperCase() ?? '',
      permissions: Array.from(form.querySelectorAll<HTMLInputElement>(`[name="persons[${i}].permissions"]`))
        .filter((c) => c.checked)
        .map((c) => c.value),
    };
  });
}
