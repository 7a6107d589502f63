import fc from 'fast-check';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, isValidCreditCode } from './credit-code';

const body17 = fc.string({ unit: fc.constantFrom(...CREDIT_CODE_CHARSET), minLength: 17, maxLength: 17 });

describe(creditCodeCheckChar.name, () => {
  it('computes the check character of known codes', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91110000600037341')).toBe('L');
  });

  it('returns null for wrong length or symbols outside the GB 32100 alphabet', () => {
    expect(creditCodeCheckChar('9135010')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y43')).toBeNull();
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 'a', '-', ' '])
      expect(creditCodeCheckChar(`91350100M000100Y${bad}`)).toBeNull();
  });
});

describe(isValidCreditCode.name, () => {
  it.each(['91350100M000100Y43', '91110000600037341L'])('accepts known-good %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    '91350100M000100Y44',
    '91110000600037341M',
    '91110000600037341l',
    '91350100M000100Y4',
    '91350100M000100Y433',
    '',
    ' 91350100M000100Y43',
  ])('rejects %j', (code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('random 17-symbol body + computed check char is valid; any other check char is invalid', () => {
    fc.assert(
      fc.property(body17, fc.constantFrom(...CREDIT_CODE_CHARSET, 'I', 'O', 'S', 'V', 'Z', 'a', '#'), (body, other) => {
        const check = creditCodeCheckChar(body);
        expect(check).not.toBeNull();
        expect(isValidCreditCode(body + check)).toBe(true);
        if (other !== check) expect(isValidCreditCode(body + other)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects any single-symbol substitution in the body (MOD 31, prime modulus)', () => {
    fc.assert(
      fc.property(body17, fc.nat(16), fc.constantFrom(...CREDIT_CODE_CHARSET), (body, index, symbol) => {
        fc.pre(body[index] !== symbol);
        const code = body + creditCodeCheckChar(body)!;
        const mutated = code.slice(0, index) + symbol + code.slice(index + 1);
        expect(isValidCreditCode(mutated)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
