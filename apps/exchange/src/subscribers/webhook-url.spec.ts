import { isPrivateAddress, resolvedAddressProblem, webhookUrlProblems } from './webhook-url';

const dev = { environment: 'development' as const, allowedHosts: ['127.0.0.1', 'localhost'] };
const prod = { environment: 'production' as const, allowedHosts: ['gxpt.hunan.gov.cn', '10.8.0.5'] };

describe('webhook URL allowlist (SSRF)', () => {
  it('accepts allowlisted hosts; http only in development', () => {
    expect(webhookUrlProblems('http://127.0.0.1:3190/', dev)).toEqual([]);
    expect(webhookUrlProblems('https://gxpt.hunan.gov.cn/hn/events', prod)).toEqual([]);
    expect(webhookUrlProblems('http://gxpt.hunan.gov.cn/hn/events', prod)).toEqual([
      { field: 'delivery.url', reason: expect.stringContaining('https') },
    ]);
  });

  it('refuses hosts not on the list, naming the allowed ones', () => {
    const problems = webhookUrlProblems('https://evil.example/x', prod);
    expect(problems).toEqual([
      { field: 'delivery.url', reason: expect.stringContaining('gxpt.hunan.gov.cn, 10.8.0.5') },
    ]);
    expect(webhookUrlProblems('https://169.254.169.254/latest', prod)).toHaveLength(1);
    expect(webhookUrlProblems('https://127.0.0.1/', prod)).toHaveLength(1);
    expect(webhookUrlProblems('https://[::1]/', prod)).toHaveLength(1);
  });

  it('refuses credentials, fragments and non-URLs', () => {
    expect(webhookUrlProblems('https://u:p@gxpt.hunan.gov.cn/', prod)).toHaveLength(1);
    expect(webhookUrlProblems('https://gxpt.hunan.gov.cn/#x', prod)).toHaveLength(1);
    expect(webhookUrlProblems('not a url', prod)).toEqual([{ field: 'delivery.url', reason: expect.any(String) }]);
    expect(webhookUrlProblems('ftp://gxpt.hunan.gov.cn/', prod)).toHaveLength(1);
  });

  it('knows private, loopback, link-local and mapped addresses', () => {
    for (const a of [
      '10.1.2.3',
      '127.0.0.1',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.1.1',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: true });
    for (const a of ['8.8.8.8', '172.32.0.1', '2001:4860::8888', 'gxpt.hunan.gov.cn'])
      expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: false });
  });

  it('refuses an allowlisted name that resolves to a private address unless that address is listed', () => {
    expect(resolvedAddressProblem('gxpt.hunan.gov.cn', '10.0.0.9', prod)).toMatch(/private/);
    expect(resolvedAddressProblem('gxpt.hunan.gov.cn', '10.8.0.5', prod)).toBeNull();
    expect(resolvedAddressProblem('gxpt.hunan.gov.cn', '58.20.1.1', prod)).toBeNull();
    expect(resolvedAddressProblem('localhost', '127.0.0.1', dev)).toBeNull();
  });
});
