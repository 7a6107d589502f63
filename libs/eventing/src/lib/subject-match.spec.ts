import { subjectMatches } from './subject-match';

describe(subjectMatches.name, () => {
  it.each([
    ['hn.permits.permit.registered.v1', 'hn.permits.permit.registered.v1', true],
    ['hn.permits.>', 'hn.permits.permit.registered.v1', true],
    ['hn.permits.>', 'hn.permits', false],
    ['hn.*.permit.registered.v1', 'hn.presale.permit.registered.v1', true],
    ['hn.*.permit', 'hn.presale.permit.registered', false],
    ['hn.permits.permit.*.v1', 'hn.permits.permit.updated.v1', true],
    ['hn.permits.permit.*.v1', 'hn.permits.project.typed.v1', false],
    ['>', 'a', true],
    ['a.b', 'a', false],
  ])('%s vs %s → %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });
});
