import { testDatabaseUrl } from '@hn/testing';
import { Client } from 'pg';
import { permitBody, residentId } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * 附件2 存量预售项目标记补录责任人及权限申请表 through the gateway: a city drafts and submits a
 * county's form, another city neither sees nor submits it, the province returns it once and then
 * approves it (twice at once: the accounts are created once), the new county user logs in with the
 * one-time password, can do nothing but change it, then sees only its county. ID numbers are stored
 * sealed (checked in the gateway's database) and masked in every reply; every step is audited.
 */

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

interface Person {
  id: string;
  name: string;
  mobile: string;
  idNumber: string;
  unitName: string;
  unitIsPermitAuthority: boolean;
  unitCreditCode: string | null;
  permissions: string[];
  username: string | null;
}

interface Application {
  id: string;
  cityCode: string;
  countyCode: string;
  countyName: string;
  state: string;
  persons: Person[];
  returnReason: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
}

interface Approval {
  application: Application;
  accounts: Array<{ personId: string; name: string; username: string; oneTimePassword: string | null }>;
  alreadyApproved: boolean;
}

interface AuditEntry {
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  status: number;
}

const PASSWORD = 'Zhuzhou2024ok';
const ID_ZHANG = residentId('43022319900101123'); // 张三
const ID_LI = residentId('43022319851231002'); // 李四
const YOUXIAN_PERMIT = '430223202406200101'; // 攸县
const CHALING_PERMIT = '430224202406200101'; // 茶陵县, same city

const form = (persons: Array<Record<string, unknown>>, over: Record<string, unknown> = {}) => ({
  countyCode: '430223',
  mainLeader: '王局长',
  leaderInCharge: '赵副局长',
  contactName: '刘联络',
  contactMobile: '13900001111',
  persons,
  ...over,
});
const zhang = {
  name: '张三',
  mobile: '13812345678',
  idNumber: ID_ZHANG,
  unitName: '攸县住房和城乡建设局',
  unitIsPermitAuthority: true,
  permissions: ['MARKING', 'PERMIT_BACKFILL', 'ESCROW_BACKFILL'],
};
const li = {
  name: '李四',
  mobile: '13812345679',
  idNumber: ID_LI,
  unitName: '攸县不动产登记中心',
  unitIsPermitAuthority: false,
  unitCreditCode: '114302230061234563',
  permissions: ['ESCROW_BACKFILL'],
};

describe('Account applications (附件2) through the gateway', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  let application: Application;
  let approval: Approval;
  let county = { username: '', password: '', token: '' };

  const api = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${platform.gatewayUrl}${path}`, {
      ...init,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  };
  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect({ status: res.status, text }).toEqual({ status, text });
    return JSON.parse(text) as T;
  };
  const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
    const text = await res.text();
    expect({ status: res.status, text }).toEqual({ status, text: expect.stringContaining(`"code":"${code}"`) });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return JSON.parse(text) as Problem;
  };
  const gatewayDb = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({
      connectionString: testDatabaseUrl(platform.env['DATABASE_URL']!, platform.env['GATEWAY_DB_NAME']!),
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const login = (username: string, password: string) => platform.staffLogin(username, password, '10.40.0.1');
  const audit = async (query: string): Promise<AuditEntry[]> =>
    (await ok<{ items: AuditEntry[] }>(await api(`/api/v1/audit?pageSize=200&${query}`, { token: tokens['province'] })))
      .items;
  const jwtPayload = (token: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']),
    );
    for (const [number, region, name] of [
      [YOUXIAN_PERMIT, '430223', '锦绣星城三期'],
      [CHALING_PERMIT, '430224', '茶陵云阳新城'],
    ] as const) {
      const res = await api(`/api/v1/approval/construction-permits/${number}`, {
        method: 'PUT',
        token: writer,
        json: permitBody({
          projectCode: `2024-${region}-70-03-000001`,
          projectName: name,
          regionCode: region,
          projectType: null,
          units: [],
        }),
      });
      expect(res.status).toBe(201);
    }
    const staff: Array<[string, string, string, string]> = [
      ['zhuzhou', 'zhuzhou.wang', 'CITY', '430200'],
      ['changsha', 'changsha.liu', 'CITY', '430100'],
      ['province', 'province.li', 'PROVINCE', '430000'],
      ['admin', 'admin.chen', 'ADMIN', '430000'],
      ['chaling', 'chaling.zhou', 'COUNTY', '430224'],
    ];
    for (const [key, username, role, region] of staff) {
      await platform.createStaff(username, PASSWORD, role, region);
      tokens[key] = await platform.staffToken(username, PASSWORD, '10.40.0.2');
    }
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('a city drafts a county’s form with two responsible persons; ID numbers come back masked', async () => {
    const res = await api('/api/v1/account-applications', {
      method: 'POST',
      token: tokens['zhuzhou'],
      json: form([zhang, li]),
    });
    const text = await res.clone().text();
    application = await ok<Application>(res, 201);
    expect(application).toMatchObject({ cityCode: '430200', countyCode: '430223', countyName: '攸县', state: 'DRAFT' });
    expect(application.persons.map((p) => [p.name, p.idNumber, p.unitCreditCode, p.username])).toEqual([
      ['张三', `430223********${ID_ZHANG.slice(-4)}`, null, null],
      ['李四', `430223********${ID_LI.slice(-4)}`, '114302230061234563', null],
    ]);
    for (const id of [ID_ZHANG, ID_LI]) expect(text).not.toContain(id);
    const read = await (
      await api(`/api/v1/account-applications/${application.id}`, { token: tokens['zhuzhou'] })
    ).text();
    const list = await (await api('/api/v1/account-applications', { token: tokens['province'] })).text();
    for (const id of [ID_ZHANG, ID_LI]) {
      expect(read).not.toContain(id);
      expect(list).not.toContain(id);
    }
  });

  it('stores each ID number sealed: the plaintext is nowhere in the gateway database', async () => {
    await gatewayDb(async (c) => {
      const rows = await c.query<{ id_number_ct: Buffer; id_number_iv: Buffer; id_number_masked: string }>(
        'SELECT id_number_ct, id_number_iv, id_number_masked FROM account_application_person ORDER BY position',
      );
      expect(rows.rows).toHaveLength(2);
      expect(rows.rows[0]!.id_number_ct.length).toBe(18); // AES-GCM: ciphertext as long as the 18 characters
      expect(rows.rows[0]!.id_number_iv.length).toBe(12);
      for (const id of [ID_ZHANG, ID_LI]) {
        const hits = await c.query<{ n: number }>(
          `SELECT
             (SELECT count(*) FROM account_application_person p
               WHERE position($1 in row_to_json(p)::text) > 0 OR position(convert_to($1, 'UTF8') in p.id_number_ct) > 0)
           + (SELECT count(*) FROM account_application a WHERE position($1 in row_to_json(a)::text) > 0)
           + (SELECT count(*) FROM audit_entry e WHERE position($1 in row_to_json(e)::text) > 0) AS n`,
          [id],
        );
        expect(Number(hits.rows[0]!.n)).toBe(0);
      }
    });
  });

  it('refuses a wrong ID number, a county of another city and callers who are no city, naming the field', async () => {
    const bad = await expectProblem(
      await api('/api/v1/account-applications', {
        method: 'POST',
        token: tokens['zhuzhou'],
        json: form([{ ...zhang, idNumber: `${ID_ZHANG.slice(0, 17)}${ID_ZHANG[17] === '0' ? '1' : '0'}` }, zhang]),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors).toEqual([{ field: 'persons[0].idNumber', reason: expect.stringContaining('GB 11643') }]);
    expect(bad.detail).toBe('申请表有 1 处需要更正 (invalid application)');
    const duplicate = await expectProblem(
      await api('/api/v1/account-applications', {
        method: 'POST',
        token: tokens['zhuzhou'],
        json: form([zhang, zhang]),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(duplicate.errors?.map((e) => e.field)).toEqual(['persons[1].idNumber', 'persons[1].mobile']);
    const foreign = await expectProblem(
      await api('/api/v1/account-applications', {
        method: 'POST',
        token: tokens['zhuzhou'],
        json: form([zhang], { countyCode: '430102' }),
      }),
      403,
      'REGION_FORBIDDEN',
    );
    expect(foreign.errors).toEqual([{ field: 'countyCode', reason: expect.stringContaining('430102') }]);
    await expectProblem(
      await api('/api/v1/account-applications', { method: 'POST', token: tokens['province'], json: form([zhang]) }),
      403,
      'ROLE_FORBIDDEN',
    );
    await expectProblem(await api('/api/v1/account-applications', { token: tokens['chaling'] }), 403, 'ROLE_FORBIDDEN');
  });

  it('the city changes its draft, keeping a saved person’s ID number by its id', async () => {
    const [first, second] = application.persons;
    application = await ok<Application>(
      await api(`/api/v1/account-applications/${application.id}`, {
        method: 'PUT',
        token: tokens['zhuzhou'],
        json: form([
          { ...zhang, id: first!.id, idNumber: undefined, name: '张三丰' },
          { ...li, id: second!.id, idNumber: undefined },
        ]),
      }),
    );
    expect(application.persons.map((p) => [p.id, p.name, p.idNumber])).toEqual([
      [first!.id, '张三丰', first!.idNumber],
      [second!.id, '李四', second!.idNumber],
    ]);
  });

  it('another city neither sees, changes nor submits it (404), and the province cannot approve a draft', async () => {
    const other = tokens['changsha'];
    const page = await ok<{ items: Application[]; total: number }>(
      await api('/api/v1/account-applications', { token: other }),
    );
    expect(page.total).toBe(0);
    await expectProblem(
      await api(`/api/v1/account-applications/${application.id}`, { token: other }),
      404,
      'APPLICATION_NOT_FOUND',
    );
    await expectProblem(
      await api(`/api/v1/account-applications/${application.id}/submit`, { method: 'POST', token: other }),
      404,
      'APPLICATION_NOT_FOUND',
    );
    await expectProblem(
      await api(`/api/v1/account-applications/${application.id}`, {
        method: 'PUT',
        token: other,
        json: form([zhang], { countyCode: '430102' }),
      }),
      404,
      'APPLICATION_NOT_FOUND',
    );
    await expectProblem(
      await api(`/api/v1/account-applications/${application.id}/approve`, {
        method: 'POST',
        token: tokens['province'],
      }),
      409,
      'APPLICATION_NOT_SUBMITTED',
    );
  });

  it('the city submits; the form is locked; the province returns it with a reason; the city submits again', async () => {
    const submit = () =>
      api(`/api/v1/account-applications/${application.id}/submit`, { method: 'POST', token: tokens['zhuzhou'] });
    expect((await ok<Application>(await submit())).state).toBe('SUBMITTED');
    await expectProblem(
      await api(`/api/v1/account-applications/${application.id}`, {
        method: 'PUT',
        token: tokens['zhuzhou'],
        json: form([zhang]),
      }),
      409,
      'APPLICATION_NOT_EDITABLE',
    );
    await expectProblem(await submit(), 409, 'APPLICATION_NOT_EDITABLE');
    const returnTo = (json: unknown) =>
      api(`/api/v1/account-applications/${application.id}/return`, { method: 'POST', token: tokens['province'], json });
    expect((await expectProblem(await returnTo({ reason: ' ' }), 400, 'VALIDATION_FAILED')).errors?.[0]?.field).toBe(
      'reason',
    );
    const returned = await ok<Application>(await returnTo({ reason: '请核实李四的单位名称' }));
    expect(returned).toMatchObject({
      state: 'RETURNED',
      returnReason: '请核实李四的单位名称',
      decidedBy: 'province.li',
    });
    application = await ok<Application>(await submit());
    expect(application).toMatchObject({ state: 'SUBMITTED', returnReason: null, submittedBy: 'zhuzhou.wang' });
  });

  it('the province approves (a double click creates the accounts once): one-time passwords shown once', async () => {
    const approve = () =>
      api(`/api/v1/account-applications/${application.id}/approve`, { method: 'POST', token: tokens['province'] });
    const replies = await Promise.all([approve(), approve()]);
    const bodies = await Promise.all(replies.map((r) => ok<Approval>(r)));
    expect(replies.every((r) => r.headers.get('cache-control') === 'no-store')).toBe(true);
    expect(bodies.map((b) => b.alreadyApproved).sort()).toEqual([false, true]);
    approval = bodies.find((b) => !b.alreadyApproved)!;
    const again = bodies.find((b) => b.alreadyApproved)!;
    expect(approval.accounts.map((a) => [a.name, a.username])).toEqual([
      ['张三丰', '430223.01'],
      ['李四', '430223.02'],
    ]);
    for (const a of approval.accounts) expect(a.oneTimePassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    expect(again.accounts.map((a) => [a.username, a.oneTimePassword])).toEqual([
      ['430223.01', null],
      ['430223.02', null],
    ]);
    expect(approval.application).toMatchObject({ state: 'APPROVED', decidedBy: 'province.li' });
    expect(approval.application.persons.map((p) => p.username)).toEqual(['430223.01', '430223.02']);
    const third = await ok<Approval>(await approve());
    expect(third.alreadyApproved).toBe(true);
    expect(JSON.stringify(third)).not.toContain(approval.accounts[0]!.oneTimePassword!);

    const rows = await gatewayDb((c) =>
      c.query<{
        username: string;
        role: string;
        region_code: string;
        must_change_password: boolean;
        password_hash: string;
      }>(
        `SELECT username, role, region_code, must_change_password, password_hash FROM staff_user WHERE username LIKE '430223.%' ORDER BY username`,
      ),
    );
    expect(rows.rows.map((r) => [r.username, r.role, r.region_code, r.must_change_password])).toEqual([
      ['430223.01', 'COUNTY', '430223', true],
      ['430223.02', 'COUNTY', '430223', true],
    ]);
    expect(rows.rows[0]!.password_hash).toMatch(/^scrypt\$/);
    county = { username: '430223.01', password: approval.accounts[0]!.oneTimePassword!, token: '' };
  });

  it('the new user logs in and may only change the one-time password (403 PASSWORD_CHANGE_REQUIRED elsewhere)', async () => {
    const res = await login(county.username, county.password);
    const body = await ok<{ access_token: string; password_change_required: boolean }>(res);
    expect(body.password_change_required).toBe(true);
    expect(jwtPayload(body.access_token)).toMatchObject({
      sub: '430223.01',
      role: 'COUNTY',
      regions: ['430223'],
      scope: 'password:change-required',
    });
    county.token = body.access_token;
    for (const path of [
      '/api/v1/supervision/marking',
      `/api/v1/construction-permits/${YOUXIAN_PERMIT}`,
      '/api/v1/audit',
    ])
      await expectProblem(await api(path, { token: county.token }), 403, 'PASSWORD_CHANGE_REQUIRED');
    await expectProblem(
      await api('/api/v1/supervision/marking/batch', {
        method: 'POST',
        token: county.token,
        json: { permitNumbers: [YOUXIAN_PERMIT], projectType: 'PRESALE' },
      }),
      403,
      'PASSWORD_CHANGE_REQUIRED',
    );
  });

  it('changes the password: a wrong current or a weak new one is refused; afterwards old tokens are refused', async () => {
    const change = (currentPassword: string, newPassword: string, token = county.token) =>
      api('/api/v1/auth/password', { method: 'POST', token, json: { currentPassword, newPassword } });
    const wrong = await expectProblem(await change('Wrong2024pass', 'Youxian2024new'), 400, 'VALIDATION_FAILED');
    expect(wrong.errors).toEqual([{ field: 'currentPassword', reason: expect.stringContaining('当前密码不正确') }]);
    const weak = await expectProblem(await change(county.password, 'short1'), 400, 'VALIDATION_FAILED');
    expect(weak.errors?.[0]).toMatchObject({ field: 'newPassword', reason: expect.stringContaining('10') });
    await expectProblem(await change(county.password, county.password), 400, 'VALIDATION_FAILED');

    const changed = await ok<{ access_token: string; password_change_required: boolean }>(
      await change(county.password, 'Youxian2024new'),
    );
    expect(changed.password_change_required).toBe(false);
    expect(jwtPayload(changed.access_token)['scope']).toBe(
      'permits:read statistics:read supervision:read supervision:write',
    );
    // the reply's token works at once (its version is the account's new one)
    expect((await api('/api/v1/supervision/marking', { token: changed.access_token })).status).toBe(200);
    await expectProblem(await api('/api/v1/supervision/marking', { token: county.token }), 401, 'UNAUTHORIZED');
    await expectProblem(await login(county.username, county.password), 401, 'INVALID_CREDENTIALS');
    const again = await ok<{ access_token: string; password_change_required: boolean }>(
      await login(county.username, 'Youxian2024new'),
    );
    expect(again.password_change_required).toBe(false);
    county = { ...county, password: 'Youxian2024new', token: again.access_token };
    const rows = await gatewayDb((c) =>
      c.query<{ must_change_password: boolean }>(`SELECT must_change_password FROM staff_user WHERE username = $1`, [
        county.username,
      ]),
    );
    expect(rows.rows[0]!.must_change_password).toBe(false);
  });

  it('then sees only its county', async () => {
    const page = await ok<{ items: Array<{ permitNumber: string; regionCode: string }>; total: number }>(
      await api('/api/v1/supervision/marking?pageSize=100', { token: county.token }),
    );
    expect(page.items.map((r) => r.permitNumber)).toEqual([YOUXIAN_PERMIT]);
    expect(new Set(page.items.map((r) => r.regionCode))).toEqual(new Set(['430223']));
    expect((await api(`/api/v1/construction-permits/${YOUXIAN_PERMIT}`, { token: county.token })).status).toBe(200);
    await expectProblem(
      await api(`/api/v1/construction-permits/${CHALING_PERMIT}`, { token: county.token }),
      403,
      'REGION_FORBIDDEN',
    );
    await expectProblem(await api('/api/v1/account-applications', { token: county.token }), 403, 'ROLE_FORBIDDEN');
  });

  it('an ADMIN resets a lost one-time password: shown once, to be changed at the next login', async () => {
    const staff = await ok<{ items: Array<{ username: string; passwordChangeRequired: boolean }> }>(
      await api('/api/v1/admin/staff', { token: tokens['admin'] }),
    );
    expect(staff.items.filter((s) => s.username.startsWith('430223.'))).toEqual([
      expect.objectContaining({ username: '430223.01', passwordChangeRequired: false }),
      expect.objectContaining({ username: '430223.02', passwordChangeRequired: true }),
    ]);
    const reset = await ok<{ username: string; oneTimePassword: string }>(
      await api('/api/v1/admin/staff/430223.02/reset-password', { method: 'POST', token: tokens['admin'] }),
    );
    expect(reset.oneTimePassword).not.toBe(approval.accounts[1]!.oneTimePassword);
    await expectProblem(await login('430223.02', approval.accounts[1]!.oneTimePassword!), 401, 'INVALID_CREDENTIALS');
    expect(
      (await ok<{ password_change_required: boolean }>(await login('430223.02', reset.oneTimePassword)))
        .password_change_required,
    ).toBe(true);
    await expectProblem(
      await api('/api/v1/admin/staff/admin.chen/reset-password', { method: 'POST', token: tokens['admin'] }),
      409,
      'OWN_ACCOUNT',
    );
    await expectProblem(
      await api('/api/v1/admin/staff/430223.02/reset-password', { method: 'POST', token: tokens['province'] }),
      403,
      'ROLE_FORBIDDEN',
    );
  });

  it('audits every step, with ID numbers, mobiles and passwords redacted', async () => {
    const steps = (await audit('action=' + encodeURIComponent('POST /api/v1/account-applications')))
      .concat(await audit('action=' + encodeURIComponent('PUT /api/v1/account-applications')))
      .filter((e) => e.target === `applicationId=${application.id}` || e.status === 201)
      .map((e) => `${e.actor} ${e.action} ${e.status}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'zhuzhou.wang POST /api/v1/account-applications 201',
        'zhuzhou.wang PUT /api/v1/account-applications/:applicationId 200',
        'zhuzhou.wang POST /api/v1/account-applications/:applicationId/submit 200',
        'zhuzhou.wang POST /api/v1/account-applications/:applicationId/submit 409',
        'province.li POST /api/v1/account-applications/:applicationId/return 200',
        'province.li POST /api/v1/account-applications/:applicationId/approve 200',
        'province.li POST /api/v1/account-applications/:applicationId/approve 409',
      ]),
    );
    const approvals = (
      await audit('action=' + encodeURIComponent('POST /api/v1/account-applications/:applicationId/approve'))
    ).filter((e) => e.status === 200);
    expect(approvals).toHaveLength(3);
    expect(
      approvals.map((e) => (e.after as { accounts: Array<{ username: string }> }).accounts.map((a) => a.username)),
    ).toEqual([
      ['430223.01', '430223.02'],
      ['430223.01', '430223.02'],
      ['430223.01', '430223.02'],
    ]);
    const created = (await audit('action=' + encodeURIComponent('POST /api/v1/account-applications'))).find(
      (e) => e.status === 201,
    )!;
    expect(created.after).toMatchObject({
      state: 'DRAFT',
      contactMobile: '[REDACTED]',
      persons: [{ name: '张三', idNumber: '[REDACTED]', mobile: '[REDACTED]' }, { name: '李四' }],
    });
    const passwords = await audit('actor=430223.01&action=' + encodeURIComponent('POST /api/v1/auth/password'));
    expect(passwords.map((e) => e.status).sort()).toEqual([200, 400, 400, 400]);
    const logins = await audit('actor=430223.01&action=' + encodeURIComponent('POST /api/v1/auth/login'));
    expect(logins.map((e) => e.after)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'SUCCESS', limitedTo: 'POST /api/v1/auth/password' }),
      ]),
    );
    const resets = await audit('action=' + encodeURIComponent('POST /api/v1/admin/staff/:username/reset-password'));
    expect(resets.map((e) => [e.actor, e.target, e.status])).toEqual(
      expect.arrayContaining([['admin.chen', 'username=430223.02', 200]]),
    );

    const everything = JSON.stringify(await audit(''));
    for (const secret of [
      ID_ZHANG,
      ID_LI,
      '13812345678',
      county.password,
      ...approval.accounts.map((a) => a.oneTimePassword!),
    ])
      expect(everything).not.toContain(secret);
  });
});
