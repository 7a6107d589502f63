import { DomainException } from '@hn/errors';
import { confirmProjectType } from './project-type-confirmation';

function problemOf(run: () => void): { status: number; code: string; detail: string; fields: string[] } {
  try {
    run();
  } catch (e) {
    const p = (e as DomainException).problem;
    return { status: p.status, code: p.code, detail: p.detail, fields: (p.errors ?? []).map((x) => x.field) };
  }
  throw new Error('expected a DomainException');
}

describe(confirmProjectType.name, () => {
  const presale = { project_type: 'PRESALE' };

  it('passes at 受理 when the confirmed type equals the registered one', () => {
    expect(() => confirmProjectType(presale, 'ACCEPTANCE', 'PRESALE')).not.toThrow();
    expect(() => confirmProjectType({ project_type: 'OTHER' }, 'ACCEPTANCE', 'OTHER')).not.toThrow();
  });

  it('refuses a PASS at 受理 without the confirmation: 422 naming confirmedProjectType', () => {
    const p = problemOf(() => confirmProjectType(presale, 'ACCEPTANCE', undefined));
    expect(p).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['confirmedProjectType'] });
  });

  it('refuses a different type: 409 PROJECT_TYPE_MISMATCH telling the reviewer to return it for correction', () => {
    const p = problemOf(() => confirmProjectType(presale, 'ACCEPTANCE', 'CURRENT_SALE'));
    expect(p).toMatchObject({ status: 409, code: 'PROJECT_TYPE_MISMATCH', fields: ['confirmedProjectType'] });
    expect(p.detail).toContain('退回补正');
    expect(p.detail).toContain('PRESALE');
    expect(p.detail).toContain('CURRENT_SALE');
  });

  it('needs nothing at later stages and refuses the field there (422)', () => {
    expect(() => confirmProjectType(presale, 'PRELIMINARY_REVIEW', undefined)).not.toThrow();
    const p = problemOf(() => confirmProjectType(presale, 'DECISION', 'PRESALE'));
    expect(p).toMatchObject({ status: 422, fields: ['confirmedProjectType'] });
  });
});
