import fc from 'fast-check';
import { isValidResidentId, residentIdCheckDigit } from './resident-id';

const TODAY = '2025-06-30';
const DAY_MS = 86_400_000;
const digitString = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** A 17-digit body that satisfies every rule except the check character. */
const validBody = fc
  .record({
    province: fc.integer({ min: 11, max: 82 }),
    area: digitString(4),
    birth: fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.parse(`${TODAY}T00:00:00Z`) / DAY_MS }),
    sequence: digitString(3),
  })
  .map(
    ({ province, area, birth, sequence }) =>
      `${province}${area}${new Date(birth * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '')}${sequence}`,
  );

describe(residentIdCheckDigit.name, () => {
  it('computes GB 11643 check characters, X for 10', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
    expect(residentIdCheckDigit('43022319900307123')).toBe('1'); // Σ = 242 ≡ 0 (mod 11) → '1'
  });

  it('throws RangeError unless given exactly 17 digits', () => {
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe(isValidResidentId.name, () => {
  it.each(['11010519491231002X', '440524188001010014', '430223199003071231'])('accepts %s', (id) => {
    expect(isValidResidentId(id, { today: TODAY })).toBe(true);
  });

  it.each([
    ['wrong check digit', '110105194912310021'],
    ['lower-case x', '11010519491231002x'],
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X0'],
    ['letter in body', '1101051949123100AX'],
    ['impossible birth date', `11010519490230001${residentIdCheckDigit('11010519490230001')}`],
    ['province 10', `10010519491231002${residentIdCheckDigit('10010519491231002')}`],
    ['province 83', `83010519491231002${residentIdCheckDigit('83010519491231002')}`],
    ['birth date after today', `43022320250701123${residentIdCheckDigit('43022320250701123')}`],
    ['Feb 29 in a non-leap year', `43022319900229123${residentIdCheckDigit('43022319900229123')}`],
  ])('rejects %s: %s', (_label, id) => {
    expect(isValidResidentId(id, { today: TODAY })).toBe(false);
  });

  it('defaults today to the current UTC+8 date', () => {
    expect(isValidResidentId('430223199003071231')).toBe(true);
    expect(isValidResidentId(`43022320991231123${residentIdCheckDigit('43022320991231123')}`)).toBe(false);
  });

  it('valid body + computed check digit is valid; any other check character is invalid', () => {
    fc.assert(
      fc.property(validBody, fc.constantFrom(...'0123456789Xx'), (body, other) => {
        const check = residentIdCheckDigit(body);
        expect(isValidResidentId(body + check, { today: TODAY })).toBe(true);
        if (other !== check) expect(isValidResidentId(body + other, { today: TODAY })).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects any single-digit substitution in the body (MOD 11-2)', () => {
    fc.assert(
      fc.property(validBody, fc.nat(16), fc.constantFrom(...'0123456789'), (body, index, digit) => {
        fc.pre(body[index] !== digit);
        const id = body + residentIdCheckDigit(body);
        expect(isValidResidentId(id.slice(0, index) + digit + id.slice(index + 1), { today: TODAY })).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
