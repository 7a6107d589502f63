import { validateSync } from 'class-validator';
import { IsPlainText, isPlainText, textCharacterProblem } from './plain-text';

class Named {
  @IsPlainText()
  name!: unknown;

  @IsPlainText({}, { each: true })
  buildings!: unknown;
}

describe('textCharacterProblem', () => {
  it('accepts Chinese, ASCII, CJK extension B (surrogate pairs) and punctuation', () => {
    expect(textCharacterProblem('攸县「锦绣星城三期（22#栋）」𠀀 No.1')).toBeNull();
  });

  it('refuses NUL, lone surrogates, C0/C1 controls and DEL; TAB/LF/CR only when multiline', () => {
    expect(textCharacterProblem('a\u0000b')).toContain('NUL');
    expect(textCharacterProblem('\ud800x')).toContain('U+D800');
    expect(textCharacterProblem('x\udfff')).toContain('U+DFFF');
    expect(textCharacterProblem('\u001b[31m')).toContain('U+001B');
    expect(textCharacterProblem('a\u007f')).toContain('U+007F');
    expect(textCharacterProblem('a\u0085')).toContain('U+0085');
    expect(textCharacterProblem('a\nb')).toContain('U+000A');
    expect(textCharacterProblem('a\nb\tc\r', { multiline: true })).toBeNull();
    expect(textCharacterProblem('a\u0001', { multiline: true })).toContain('U+0001');
  });
});

describe('isPlainText', () => {
  it("is the services' required-text rule: string, not blank, within max, plain", () => {
    expect(isPlainText('中国建设银行攸县支行', 100)).toBe(true);
    expect(isPlainText('  ', 100)).toBe(false);
    expect(isPlainText('x'.repeat(101), 100)).toBe(false);
    expect(isPlainText('a\u0001', 100)).toBe(false);
    expect(isPlainText(5, 100)).toBe(false);
  });
});

describe(IsPlainText.name, () => {
  it('reports the property (and each element) with the reason', () => {
    const named = Object.assign(new Named(), { name: 'a\u0000', buildings: ['1#', '2#\u0007'] });
    const errors = validateSync(named);
    expect(errors.map((e) => [e.property, Object.values(e.constraints ?? {})[0]])).toEqual([
      ['name', expect.stringContaining('NUL')],
      ['buildings', expect.stringContaining('U+0007')],
    ]);
    expect(validateSync(Object.assign(new Named(), { name: '锦绣星城', buildings: ['1#'] }))).toEqual([]);
  });
});
