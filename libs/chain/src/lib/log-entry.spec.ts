import { encodeLogEntry, LogEntry } from './log-entry';

const issued: LogEntry = {
  kind: 'ISSUED',
  presaleNumber: '430223202406200101-Y01',
  issueDate: '2024-08-01',
  recordDigest: '652ebc3120c697c9932c22e7943c600d',
  loggedAt: '2024-08-01T02:03:04.005Z',
};

describe(encodeLogEntry.name, () => {
  it('is the canonical JSON of exactly the entry fields 规范化 JSON', () => {
    expect(encodeLogEntry(issued).toString('utf8')).toBe(
      '{"issueDate":"2024-08-01","kind":"ISSUED","loggedAt":"2024-08-01T02:03:04.005Z","presaleNumber":"430223202406200101-Y01","recordDigest":"652ebc3120c697c9932c22e7943c600d"}',
    );
  });

  it('writes supersedesIndex for a correction 更正条目', () => {
    const corrected: LogEntry = { ...issued, kind: 'CORRECTED', supersedesIndex: 0 };
    expect(encodeLogEntry(corrected).toString('utf8')).toMatch(
      /"recordDigest":"652ebc3120c697c9932c22e7943c600d","supersedesIndex":0}$/,
    );
  });

  it('writes supersedesIndex for a withdrawal 撤回条目', () => {
    const withdrawn: LogEntry = {
      ...issued,
      presaleNumber: '430223202406200101-Z01',
      kind: 'WITHDRAWN',
      supersedesIndex: 7,
    };
    expect(encodeLogEntry(withdrawn).toString('utf8')).toBe(
      '{"issueDate":"2024-08-01","kind":"WITHDRAWN","loggedAt":"2024-08-01T02:03:04.005Z","presaleNumber":"430223202406200101-Z01","recordDigest":"652ebc3120c697c9932c22e7943c600d","supersedesIndex":7}',
    );
  });

  it('ignores unknown extra properties and key order', () => {
    const reordered = {
      recordDigest: issued.recordDigest,
      loggedAt: issued.loggedAt,
      kind: issued.kind,
      issueDate: issued.issueDate,
      presaleNumber: issued.presaleNumber,
    };
    const extra = { note: 'x', ...reordered } as LogEntry;
    expect(encodeLogEntry(extra).equals(encodeLogEntry(issued))).toBe(true);
  });

  it.each<[string, Partial<LogEntry> | Record<string, unknown>]>([
    ['kind', { kind: 'REVOKED' }],
    ['presale number', { presaleNumber: '430223202406200101-Y00' }],
    ['issue date', { issueDate: '2024-02-30' }],
    ['digest upper case', { recordDigest: '652EBC3120C697C9932C22E7943C600D' }],
    ['digest of 32 bytes', { recordDigest: '652ebc3120c697c9932c22e7943c600d652ebc3120c697c9932c22e7943c600d' }],
    ['loggedAt without milliseconds', { loggedAt: '2024-08-01T02:03:04Z' }],
    ['loggedAt with an offset', { loggedAt: '2024-08-01T10:03:04.005+08:00' }],
    ['supersedesIndex on ISSUED', { supersedesIndex: 1 }],
    ['CORRECTED without supersedesIndex', { kind: 'CORRECTED' }],
    ['WITHDRAWN without supersedesIndex', { kind: 'WITHDRAWN' }],
    ['negative supersedesIndex', { kind: 'CORRECTED', supersedesIndex: -1 }],
  ])('rejects an invalid %s 拒绝无效条目', (_, change) => {
    expect(() => encodeLogEntry({ ...issued, ...change } as LogEntry)).toThrow(RangeError);
  });
});
