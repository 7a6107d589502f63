import { isSensitiveKey, MAX_AUDIT_JSON_BYTES, REDACTED, redactForAudit } from './redact';

describe('redactForAudit', () => {
  it('redacts passwords, secrets, tokens, ID and phone numbers at any depth and in any spelling', () => {
    const input = {
      username: 'zhang.san',
      password: 'Youxian2024ok',
      nested: { newPassword: 'x1', client_secret: 's', access_token: 't', chainToken: 'c' },
      buyers: [
        { name: '李四', idNumber: '430223199001011234', phone: '13800000000', ID_NUMBER: 'y', mobilePhone: 'z' },
      ],
      Secret: 'q',
    };
    const out = redactForAudit(input) as typeof input;
    expect(out.username).toBe('zhang.san');
    expect(out.password).toBe(REDACTED);
    expect(out.nested).toEqual({
      newPassword: REDACTED,
      client_secret: REDACTED,
      access_token: REDACTED,
      chainToken: REDACTED,
    });
    expect(out.buyers[0]).toEqual({
      name: '李四',
      idNumber: REDACTED,
      phone: REDACTED,
      ID_NUMBER: REDACTED,
      mobilePhone: REDACTED,
    });
    expect(out.Secret).toBe(REDACTED);
    const text = JSON.stringify(out);
    for (const secret of ['Youxian2024ok', '430223199001011234', '13800000000']) expect(text).not.toContain(secret);
    expect(input.password).toBe('Youxian2024ok'); // the input is not changed
  });

  it('redacts whole subtrees under a sensitive key', () => {
    expect(redactForAudit({ password: { old: 'a', new: 'b' } })).toEqual({ password: REDACTED });
  });

  it('keeps ordinary data, including arrays, numbers, booleans and null', () => {
    const body = {
      permitNumbers: ['430223202406200101', '430223202406200102'],
      projectType: 'PRESALE',
      balance: 1234500,
      fundSupervision: true,
      bank: null,
    };
    expect(redactForAudit(body)).toEqual(body);
  });

  it('makes values JSON-safe for jsonb', () => {
    const out = redactForAudit({
      when: new Date('2024-09-01T00:00:00Z'),
      big: 10n,
      scan: Buffer.from('%PDF-1.7'),
      nul: 'a\u0000b',
      nan: Number.NaN,
      fn: () => 1,
      undef: undefined,
    }) as Record<string, unknown>;
    expect(out).toEqual({
      when: '2024-09-01T00:00:00.000Z',
      big: '10',
      scan: { binary: true, bytes: 8 },
      nul: 'ab',
      nan: 'NaN',
      fn: null,
    });
  });

  it('turns undefined into null and leaves primitives alone', () => {
    expect(redactForAudit(undefined)).toBeNull();
    expect(redactForAudit('x')).toBe('x');
    expect(redactForAudit(7)).toBe(7);
  });

  it('summarises values too large for an audit row', () => {
    const huge = { items: Array.from({ length: 1500 }, (_, i) => ({ n: i, text: 'x'.repeat(300) })) };
    const out = redactForAudit(huge) as { truncated: boolean; bytes: number };
    expect(out.truncated).toBe(true);
    expect(out.bytes).toBeGreaterThan(MAX_AUDIT_JSON_BYTES);
  });

  it('stops at a maximum depth instead of recursing forever', () => {
    type Node = { child?: Node };
    const root: Node = {};
    let cur = root;
    for (let i = 0; i < 50; i++) cur = cur.child = {};
    expect(JSON.stringify(redactForAudit(root))).toContain('[…]');
  });
});

describe('isSensitiveKey', () => {
  it.each([
    'password',
    'PASSWORD',
    'passwordHash',
    'secret',
    'clientSecret',
    'token',
    'refresh-token',
    'idNumber',
    'id_number',
    'phone',
    'contactPhone',
    'mobile',
    'contactMobile',
  ])('%s is sensitive', (k) => expect(isSensitiveKey(k)).toBe(true));
  it.each(['username', 'permitNumbers', 'presaleNumber', 'id', 'number', 'region', 'account', 'bank'])(
    '%s is not',
    (k) => expect(isSensitiveKey(k)).toBe(false),
  );
});
