import { creditCode } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * Issue 16 item 5: the integration registry (附件3 预售许可取号对接工作责任表) through the gateway: one entry
 * per city and vendor, the vendor kept once (technicians, credential, 联调) and seen from every city,
 * regions checked against GB/T 2260, phones masked unless the reader holds pii:read, CSV export.
 */
/** What the suite reads of a reply (an entry, a list or a problem). */
interface Reply {
  id: string;
  code: string;
  errors: Array<{ field: string; reason: string }>;
  items: Array<{ id: string }>;
  otherCities: string[];
  counties: string[];
  vendor: { clientId: string | null; technicians: Array<{ name: string; phone: string }> };
  contact: { phone: string };
  integration: { state: string; uncoveredCounties: string[] };
}

describe('integration registry 附件3 (issue 16 item 5)', () => {
  let platform: TestPlatform;
  let admin: string;
  let province: string;
  const PASSWORD = 'Registry2026pass';
  const VENDOR = { name: '湖南星辰软件有限公司', creditCode: creditCode('91430100MA4L0ABC1') };

  const call = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; json: Reply; text: string; headers: Headers }> => {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/admin/integration-registry${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = {} as Reply;
    try {
      json = JSON.parse(text) as Reply;
    } catch {
      // CSV
    }
    return { status: res.status, json, text, headers: res.headers };
  };

  const entry = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    cityCode: '430200',
    vendor: { ...VENDOR, technicians: [{ name: '周工', phone: '13712345678' }] },
    counties: ['430223', '430224'],
    office: { name: '房地产市场监管科', head: '刘科长', headPhone: '13612345678' },
    contact: { name: '陈联络', phone: '13512345678' },
    ...overrides,
  });
  const fields = (json: Reply): string[] => json.errors.map((e) => e.field);

  let zhuzhou: string;
  let changsha: string;

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    await platform.createStaff('registry.admin', PASSWORD, 'ADMIN', '430000');
    await platform.createStaff('registry.province', PASSWORD, 'PROVINCE', '430000');
    await platform.createStaff('registry.city', PASSWORD, 'CITY', '430200');
    admin = await platform.staffToken('registry.admin', PASSWORD);
    province = await platform.staffToken('registry.province', PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('records a vendor once for two cities; the other cities are derived; one vendor per city', async () => {
    const first = await call('POST', '', admin, entry());
    expect(first.status).toBe(201);
    zhuzhou = first.json['id'] as string;
    expect(first.json).toMatchObject({
      cityCode: '430200',
      counties: ['430223', '430224'],
      otherCities: [],
      vendor: {
        name: VENDOR.name,
        creditCode: VENDOR.creditCode,
        technicians: [{ name: '周工', phone: '137****5678' }],
      },
      office: { headPhone: '136****5678' },
      contact: { phone: '135****5678' },
      integration: { state: 'NOT_STARTED', stateName: '未联调', uncoveredCounties: ['430223', '430224'] },
    });
    const again = await call('POST', '', admin, entry({ counties: ['430225'] }));
    expect(again.status).toBe(409);
    expect(again.json['code']).toBe('VENDOR_ALREADY_REGISTERED');

    const second = await call('POST', '', admin, entry({ cityCode: '430100', counties: ['430102'] }));
    expect(second.status).toBe(201);
    changsha = second.json['id'] as string;
    expect(second.json['otherCities']).toEqual(['430200']);
    const reread = await call('GET', `/${zhuzhou}`, province);
    expect(reread.json['otherCities']).toEqual(['430100']);
    expect(reread.json['integration']['uncoveredCounties']).toEqual(['430102', '430223', '430224']);
    const list = await call('GET', '?cityCode=430100', province);
    expect(list.json.items.map((e) => e.id)).toEqual([changsha]);
  });

  it('refuses bad input with every field listed (422 INCOMPLETE_SUBMISSION) and other roles (403)', async () => {
    const bad = await call(
      'POST',
      '',
      admin,
      entry({
        cityCode: '430300',
        counties: ['430223', '430223'],
        vendor: { name: '', creditCode: '91430100MA4L0ABC10', technicians: [{ name: '周工', phone: '1234' }] },
        office: { name: '科', head: '刘', headPhone: '010-1234' },
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.json['code']).toBe('INCOMPLETE_SUBMISSION');
    expect(fields(bad.json)).toEqual(
      expect.arrayContaining([
        'vendor.name',
        'vendor.creditCode',
        'vendor.technicians[0].phone',
        'counties',
        'office.headPhone',
      ]),
    );
    const outside = await call('POST', '', admin, entry({ cityCode: '430300', counties: ['430223', '430399'] }));
    expect(outside.status).toBe(422);
    expect(fields(outside.json)).toEqual(['counties[0]', 'counties[1]']);
    expect(outside.json['errors'][0]['reason']).toContain('不属于');
    const notCity = await call('POST', '', admin, entry({ cityCode: '439900' }));
    expect(fields(notCity.json)).toContain('cityCode');
    const unknown = await call('POST', '', admin, { ...entry(), extra: 1 });
    expect(unknown.status).toBe(422);
    expect((await call('POST', '', province, entry({ cityCode: '430300', counties: ['430302'] }))).status).toBe(403);
    const city = await platform.staffToken('registry.city', PASSWORD);
    expect((await call('GET', '', city)).status).toBe(403);
    expect((await call('GET', '/not-a-uuid', admin)).status).toBe(422);
    expect((await call('GET', '/5b0e7c1a-2d3f-4a5b-8c6d-7e8f9a0b1c2d', admin)).status).toBe(404);
    expect((await call('PATCH', `/${zhuzhou}`, admin, {})).status).toBe(422);
  });

  it('records the 联调 once for the vendor and checks that its one credential covers all its counties', async () => {
    const wrongTechnician = await call('PATCH', `/${zhuzhou}`, admin, {
      integration: { state: 'SANDBOX_PASSED', sandboxPassedOn: '2026-12-01', technician: '王某' },
    });
    expect(wrongTechnician.status).toBe(422);
    expect(fields(wrongTechnician.json)).toEqual(['integration.technician']);
    const future = await call('PATCH', `/${zhuzhou}`, admin, {
      integration: { state: 'SANDBOX_PASSED', sandboxPassedOn: '2999-01-01', technician: '周工' },
    });
    expect(fields(future.json)).toEqual(['integration.sandboxPassedOn']);

    const passed = await call('PATCH', `/${zhuzhou}`, admin, {
      integration: { state: 'SANDBOX_PASSED', sandboxPassedOn: '2026-12-01', technician: '周工' },
    });
    expect(passed.status).toBe(200);
    expect(passed.json['integration']).toMatchObject({ state: 'SANDBOX_PASSED', technician: '周工' });
    // the vendor's 联调 is seen from the other city's entry too
    expect((await call('GET', `/${changsha}`, admin)).json['integration']['state']).toBe('SANDBOX_PASSED');

    const zhuzhouOnly = await platform.createIntegrator(['430200'], ['presale:issue']);
    const narrow = await call('PATCH', `/${changsha}`, admin, { clientId: zhuzhouOnly.clientId });
    expect(narrow.status).toBe(422);
    expect(narrow.json['errors'][0]).toMatchObject({ field: 'clientId' });
    expect(narrow.json['errors'][0]['reason']).toContain('430102');
    expect((await call('PATCH', `/${changsha}`, admin, { clientId: 'hn_doesnotexist' })).status).toBe(422);

    const both = await platform.createIntegrator(['430200', '430100'], ['presale:issue']);
    const covered = await call('PATCH', `/${changsha}`, admin, { clientId: both.clientId });
    expect(covered.status).toBe(200);
    expect(covered.json['vendor']['clientId']).toBe(both.clientId);
    expect(covered.json['integration']['uncoveredCounties']).toEqual([]);
    // the credential covers both cities whole: their counties can change while it is registered
    const beyond = await call('PATCH', `/${zhuzhou}`, admin, { counties: ['430223', '430224'] });
    expect(beyond.status).toBe(200);
    const live = await call('PATCH', `/${zhuzhou}`, admin, {
      integration: { state: 'LIVE', sandboxPassedOn: '2026-12-01', technician: '周工', liveOn: '2026-12-02' },
    });
    expect(live.status).toBe(200);
    expect(live.json['integration']).toMatchObject({ state: 'LIVE', stateName: '已正式上线', liveOn: '2026-12-02' });
    expect(live.json['vendor']['clientId']).toBe(both.clientId);
  });

  it('exports 附件3 as CSV with Chinese headers and masked phones; pii:read shows them in clear', async () => {
    const csv = await call('GET', '/export.csv', province);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('技术单位 vendor');
    expect(lines[0]).toContain('使用该系统的其他市州 otherCities');
    expect(lines).toHaveLength(3);
    expect(csv.text).toContain('137****5678');
    expect(csv.text).not.toContain('13712345678');

    const granted = JSON.parse((await platform.cli('staff:grant-pii', ['--username', 'registry.province'])).trim());
    expect(granted).toMatchObject({ username: 'registry.province', piiRead: true });
    // the token issued before the grant is refused (version bumped); the next login carries pii:read
    const stale = await fetch(`${platform.gatewayUrl}/api/v1/admin/integration-registry`, {
      headers: { authorization: `Bearer ${province}` },
    });
    expect(stale.status).toBe(401);
    province = await platform.staffToken('registry.province', PASSWORD);
    const clear = await call('GET', `/${zhuzhou}`, province);
    expect(clear.json['vendor']['technicians'][0]['phone']).toBe('13712345678');
    expect(clear.json['contact']['phone']).toBe('13512345678');
    // the operator command prints the same table (masked)
    const operatorCsv = await platform.cli('integration-registry', ['export', '--city', '430200']);
    expect(
      operatorCsv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(2);
    expect(operatorCsv).toContain('137****5678');
    await platform.cli('staff:revoke-pii', ['--username', 'registry.province']);
    province = await platform.staffToken('registry.province', PASSWORD);
    expect((await call('GET', `/${zhuzhou}`, province)).json['contact']['phone']).toBe('135****5678');
  });
});
