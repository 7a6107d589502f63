import { validateMessage } from '@hn/messages';
import { AccountApplicationInput } from './account-application-input.dto';

const valid = (overrides: Record<string, unknown> = {}, person: Record<string, unknown> = {}) => ({
  countyCode: '430223',
  mainLeader: '王五',
  leaderInCharge: '赵六',
  contactName: '李四',
  contactMobile: '13912345678',
  persons: [
    {
      name: '张三',
      mobile: '13812345678',
      idNumber: '430223199001011235',
      unitName: '攸县住房和城乡建设局',
      unitIsPermitAuthority: true,
      permissions: ['MARKING', 'PERMIT_BACKFILL'],
      ...person,
    },
  ],
  ...overrides,
});

describe(AccountApplicationInput.name, () => {
  it('accepts the form, trims and upper-cases the ID number and credit code', async () => {
    const result = await validateMessage(
      AccountApplicationInput,
      valid(
        {},
        { idNumber: ' 11010519491231002x ', unitIsPermitAuthority: false, unitCreditCode: '114302230061234563' },
      ),
    );
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.value.persons[0]).toMatchObject({
        idNumber: '11010519491231002X',
        unitCreditCode: '114302230061234563',
      });
  });

  it('names every wrong field once, in Chinese', async () => {
    const result = await validateMessage(AccountApplicationInput, {
      countyCode: '4302',
      mainLeader: '',
      contactMobile: '0731-88889999',
      persons: [
        {
          name: '张三',
          mobile: '1381234567',
          idNumber: '430223199001011230',
          unitName: '某公司',
          unitIsPermitAuthority: false,
          permissions: ['MARKING', 'ROOT'],
        },
      ],
    });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.field).sort()).toEqual(
      [
        'countyCode',
        'mainLeader',
        'leaderInCharge',
        'contactName',
        'contactMobile',
        'persons[0].mobile',
        'persons[0].idNumber',
        'persons[0].unitCreditCode',
        'persons[0].permissions',
      ].sort(),
    );
    expect(result.errors.find((e) => e.field === 'persons[0].idNumber')?.reason).toContain('GB 11643');
    expect(result.errors.find((e) => e.field === 'persons[0].unitCreditCode')?.reason).toContain('发证机关不一致');
  });

  it('needs the ID number of a new person but not of a saved one, and refuses a wrong credit code when given', async () => {
    expect((await validateMessage(AccountApplicationInput, valid({}, { idNumber: undefined }))).errors).toEqual([
      { field: 'persons[0].idNumber', reason: expect.stringContaining('必填') },
    ]);
    expect(
      (
        await validateMessage(
          AccountApplicationInput,
          valid({}, { idNumber: undefined, id: '6f1c2a4e-8b3d-4c5e-9f60-7a8b9c0d1e2f' }),
        )
      ).ok,
    ).toBe(true);
    expect(
      (await validateMessage(AccountApplicationInput, valid({}, { unitCreditCode: '114302230061234560' }))).errors,
    ).toEqual([{ field: 'persons[0].unitCreditCode', reason: expect.stringContaining('GB 32100') }]);
    expect((await validateMessage(AccountApplicationInput, valid({}, { unitCreditCode: '' }))).ok).toBe(true);
  });

  it('needs one to twenty persons', async () => {
    expect((await validateMessage(AccountApplicationInput, valid({ persons: [] }))).errors[0]?.field).toBe('persons');
    const many = Array.from({ length: 21 }, () => valid().persons[0]);
    expect((await validateMessage(AccountApplicationInput, valid({ persons: many }))).errors[0]?.field).toBe('persons');
  });
});
