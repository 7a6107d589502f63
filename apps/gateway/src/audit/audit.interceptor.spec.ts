import { HttpException } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import { splitAuditOverride, statusOfError, targetFromParams } from './audit.interceptor';
import { auditBound } from './audit-time';

describe('audit interceptor helpers', () => {
  it('derives the target from path parameters', () => {
    expect(targetFromParams(undefined)).toBeNull();
    expect(targetFromParams({})).toBeNull();
    expect(targetFromParams({ presaleNumber: '430223202406200101-Z01' })).toBe('presaleNumber=430223202406200101-Z01');
    expect(targetFromParams({ a: '1', b: '2' })).toBe('a=1&b=2');
  });

  it('takes an { audit: { before, after } } override out of the response body', () => {
    const { body, override } = splitAuditOverride({
      marked: 3,
      audit: { before: { projectType: null }, after: { projectType: 'PRESALE' } },
    });
    expect(body).toEqual({ marked: 3 });
    expect(override).toEqual({ before: { projectType: null }, after: { projectType: 'PRESALE' } });
  });

  it('leaves other responses untouched', () => {
    for (const result of [
      undefined,
      null,
      'x',
      [1, 2],
      { a: 1 },
      { audit: 'not an override' },
      { audit: { other: 1 } },
    ]) {
      expect(splitAuditOverride(result)).toEqual({ body: result, override: null });
    }
  });

  it('finds the status of a failure', () => {
    expect(statusOfError(new DomainException(409, 'RECORD_LOCKED', 'locked'))).toBe(409);
    expect(statusOfError(new HttpException('x', 404))).toBe(404);
    expect(statusOfError({ statusCode: 413 })).toBe(413);
    expect(statusOfError(new Error('boom'))).toBe(500);
  });
});

describe('auditBound', () => {
  it('reads dates as Beijing days: from = that midnight, to = the next midnight', () => {
    expect(auditBound('2024-09-01', 'from')?.toISOString()).toBe('2024-08-31T16:00:00.000Z');
    expect(auditBound('2024-09-01', 'to')?.toISOString()).toBe('2024-09-01T16:00:00.000Z');
  });

  it('reads date-times with their offset', () => {
    expect(auditBound('2024-09-01T08:00:00+08:00', 'to')?.toISOString()).toBe('2024-09-01T00:00:00.000Z');
    expect(auditBound('2024-09-01T00:00Z', 'from')?.toISOString()).toBe('2024-09-01T00:00:00.000Z');
  });

  it('refuses impossible dates', () => {
    expect(auditBound('2024-02-30', 'from')).toBeNull();
    expect(auditBound('2024-13-01T00:00:00Z', 'from')).toBeNull();
  });
});
