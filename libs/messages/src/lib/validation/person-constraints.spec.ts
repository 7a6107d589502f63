import { IsDefined } from 'class-validator';
import { residentIdCheckDigit } from '@hn/numbering';
import { validateMessage } from './validate-message';
import { IsMainlandMobile, IsResidentIdNumber, mobileReason, residentIdReason } from './person-constraints';

const ID = `43022319900101123${residentIdCheckDigit('43022319900101123')}`;

class Person {
  @IsDefined()
  @IsResidentIdNumber()
  idNumber!: string;

  @IsDefined()
  @IsMainlandMobile()
  mobile!: string;
}

describe('person constraints', () => {
  it('accepts a GB 11643 resident ID and an 11-digit mobile', async () => {
    expect(residentIdReason(ID)).toBeNull();
    expect(mobileReason('13812345678')).toBeNull();
    await expect(validateMessage(Person, { idNumber: ID, mobile: '19912345678' })).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['a wrong check digit', `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`],
    ['17 characters', ID.slice(0, 17)],
    ['a birth date in the future', `4302232999010112${'3'}${residentIdCheckDigit('43022329990101123')}`],
    ['a lower-case x', '11010519491231002x'],
    ['a number', 4302231990],
  ])('refuses a resident ID with %s', (_what, value) => {
    expect(residentIdReason(value)).toMatch(/GB 11643|必填/);
  });

  it.each(['12812345678', '1381234567', '+8613812345678', '138-1234-5678', ''])('refuses mobile %j', (value) => {
    expect(mobileReason(value)).toContain('11');
  });

  it('names each field with its Chinese reason', async () => {
    const result = await validateMessage(Person, { idNumber: '430223199001011230', mobile: '0731-8888999' });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { field: 'idNumber', reason: expect.stringContaining('校验位') },
      { field: 'mobile', reason: expect.stringContaining('手机号') },
    ]);
  });
});
