import { readFileSync } from 'node:fs';
import { ErrorCode } from '@hn/messages';
import { ERROR_CATALOGUE } from './error-catalogue';
import { errorCodes, guidePath, renderTable, repoRoot, statusesInSource, tableRows, withTable } from './error-table';

describe('error table of the integration guide', () => {
  const root = repoRoot();
  const guide = readFileSync(guidePath(root), 'utf8');

  it('lists every error code of ErrorCode and of the gateway exceptions', () => {
    const codes = errorCodes(root);
    for (const code of Object.values(ErrorCode)) expect(codes).toContain(code);
    expect(codes).toEqual(expect.arrayContaining(['ROLE_FORBIDDEN', 'STAFF_EXISTS', 'CSRF_TOKEN_MISSING']));
    const missing = codes.filter((code) => !ERROR_CATALOGUE[code]);
    expect(missing).toEqual([]);
    const rows = tableRows(root);
    expect(rows.map((r) => r.code).sort()).toEqual(codes);
    for (const code of codes) expect(guide).toContain(`| \`${code}\` |`);
  });

  it('has no catalogue entry for a code the platform does not have', () => {
    expect(Object.keys(ERROR_CATALOGUE).filter((code) => !errorCodes(root).includes(code))).toEqual([]);
  });

  it('takes the HTTP status from where the code is thrown', () => {
    const statuses = statusesInSource(root);
    expect([...statuses.get('DUPLICATE_LOCAL_CERTIFICATE')!]).toEqual([409]);
    expect([...statuses.get('DEVELOPER_MISMATCH')!]).toEqual([422]);
    const row = tableRows(root).find((r) => r.code === 'RATE_LIMITED')!;
    expect(row).toMatchObject({ statuses: [429], staff: false });
    expect(row.action).toContain('Idempotency-Key');
  });

  it('is current in docs/integration-guide.md (npm run docs:errors)', () => {
    expect(withTable(guide, renderTable(tableRows(root)))).toBe(guide);
  });
});
