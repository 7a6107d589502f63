import RULES from './rules/assessment-rules-2024.v1.json';
import { ASSESSMENT_MEASURES, loadAssessmentRules, validateAssessmentRules } from './assessment-rules';

const copy = (): Record<string, unknown> & { rules: Array<Record<string, unknown>> } =>
  JSON.parse(JSON.stringify(RULES)) as Record<string, unknown> & { rules: Array<Record<string, unknown>> };

describe('assessment rules file (扣分规则文件)', () => {
  it('loads the file in force with its version, deadline and the issue’s rules', () => {
    const rules = loadAssessmentRules();
    expect(rules.version).toBe('2024.v1');
    expect(rules.markingDeadline).toBe('2024-06-30');
    expect(rules.rules.map((r) => r.measure).sort()).toEqual([...ASSESSMENT_MEASURES].sort());
    for (const r of rules.rules) expect(r.cap).toBeGreaterThanOrEqual(r.pointsPerItem);
    expect(rules.rules.find((r) => r.measure === 'overdueAcceptanceWithoutFollowUp')!.days).toBe(30);
    expect(rules.rules.find((r) => r.measure === 'unresolvedReconciliationDifferences')!.days).toBe(14);
  });

  it.each([
    ['a bad version', (f: ReturnType<typeof copy>) => (f['version'] = 'v1'), 'version'],
    ['a missing deadline', (f: ReturnType<typeof copy>) => (f['parameters'] = {}), 'markingDeadline'],
    ['a duplicate id', (f: ReturnType<typeof copy>) => (f.rules[1]!['id'] = f.rules[0]!['id']), '重复'],
    ['an unknown measure', (f: ReturnType<typeof copy>) => (f.rules[0]!['measure'] = 'guess'), 'measure'],
    ['a cap below the points', (f: ReturnType<typeof copy>) => (f.rules[0]!['cap'] = 0.1), 'cap'],
    ['negative points', (f: ReturnType<typeof copy>) => (f.rules[0]!['pointsPerItem'] = -1), 'pointsPerItem'],
    ['missing days', (f: ReturnType<typeof copy>) => delete f.rules[0]!['days'], 'days'],
    [
      'an English description',
      (f: ReturnType<typeof copy>) => (f.rules[0]!['description'] = 'unmarked'),
      'description',
    ],
  ])('refuses %s with a Chinese message naming the field', (_what, spoil, field) => {
    const f = copy();
    spoil(f);
    expect(() => validateAssessmentRules(f)).toThrow(/营商环境考核扣分规则文件无效，服务未启动/);
    expect(() => validateAssessmentRules(f)).toThrow(field);
  });

  it('refuses a file that is not an object', () => {
    expect(() => validateAssessmentRules([])).toThrow('文件内容须为 JSON 对象');
  });
});

describe('boot', () => {
  it('does not register the statistics module (so the service does not start) with an invalid file', () => {
    // required lazily: the module pulls Nest and TypeORM
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { StatisticsModule } = require('../statistics.module') as typeof import('../statistics.module');
    const clock = { now: () => new Date() };
    expect(() => StatisticsModule.register(clock, { ...copy(), rules: [] })).toThrow('rules 须为非空数组');
    expect(StatisticsModule.register(clock).providers?.length).toBeGreaterThan(0);
  });
});
