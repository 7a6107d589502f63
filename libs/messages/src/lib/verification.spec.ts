import { VERIFY_ANSWER_CODES, VERIFY_ANSWER_STATUSES, VERIFY_OUTCOMES, verifyOutcome } from './verification';

describe(verifyOutcome.name, () => {
  it('gives every code a plain Chinese sentence (no Latin letters) and an English one', () => {
    for (const [code, o] of Object.entries(VERIFY_OUTCOMES)) {
      expect([code, /^[^A-Za-z]+$/.test(o.message)]).toEqual([code, true]);
      expect(o.messageEn.length).toBeGreaterThan(10);
    }
  });

  it('is valid only for VALID and TEST_DATA; never says 真实有效 otherwise', () => {
    for (const [code, o] of Object.entries(VERIFY_OUTCOMES)) {
      expect([code, o.valid]).toEqual([code, code === 'VALID' || code === 'TEST_DATA']);
      if (code !== 'VALID') expect(o.message).not.toContain('真实有效');
    }
    expect(verifyOutcome('DRAFT')).toMatchObject({
      code: 'DRAFT',
      status: 'DRAFT',
      valid: false,
      message: '未提交的草稿，不是有效证书',
    });
  });

  it('reads an unknown code as not verified', () => {
    expect(verifyOutcome('SOMETHING')).toMatchObject({ code: 'MALFORMED', valid: false });
    expect(verifyOutcome('toString')).toMatchObject({ code: 'MALFORMED', valid: false });
  });
});

describe('VERIFY_ANSWER_CODES', () => {
  it('lists every outcome a JSON answer can carry, and not the page-only SERVICE_UNAVAILABLE', () => {
    expect(VERIFY_ANSWER_CODES).toEqual([
      'VALID',
      'TEST_DATA',
      'DRAFT',
      'WITHDRAWN',
      'CORRECTED',
      'BAD_SIGNATURE',
      'UNKNOWN_KEY',
      'MALFORMED',
      'TRUNCATED',
      'UNSUPPORTED_VERSION',
      'UNKNOWN_PERMIT',
      'RECORD_MISMATCH',
    ]);
    expect(VERIFY_ANSWER_STATUSES).toEqual([
      'VALID',
      'TEST',
      'DRAFT',
      'WITHDRAWN',
      'CORRECTED',
      'INVALID',
      'NOT_FOUND',
    ]);
  });
});
