import { oneTimePassword } from './one-time-password';
import { passwordProblem } from './staff-rules';

describe(oneTimePassword.name, () => {
  it('gives four groups of four unambiguous letters and digits that meet the password policy', () => {
    for (let i = 0; i < 200; i++) {
      const password = oneTimePassword('430223.01');
      expect(password).toMatch(/^([a-km-zA-HJ-NP-Z2-9]{4}-){3}[a-km-zA-HJ-NP-Z2-9]{4}$/);
      expect(passwordProblem(password, '430223.01')).toBeNull();
    }
  });

  it('is different every time', () => {
    const seen = new Set(Array.from({ length: 500 }, () => oneTimePassword()));
    expect(seen.size).toBe(500);
  });
});
