import { PiiCipher } from '@hn/pii';
import { randomBytes } from 'node:crypto';
import type { ResponsiblePersonFields } from './dto/account-application-input.dto';
import { ID_NUMBER_FIELD, sealPersons } from './application-persons';

const cipher = new PiiCipher(randomBytes(32), 'hn-gateway');
const ID_A = '430223199001011235';
const ID_B = '430223198512310021';

const person = (overrides: Partial<ResponsiblePersonFields> = {}): ResponsiblePersonFields => ({
  name: '张三',
  mobile: '13812345678',
  idNumber: ID_A,
  unitName: '攸县住房和城乡建设局',
  unitIsPermitAuthority: true,
  permissions: ['MARKING'],
  ...overrides,
});
const problem = (fn: () => unknown): { status: number; errors: unknown } => {
  try {
    fn();
  } catch (err) {
    return (err as { problem: { status: number; errors: unknown } }).problem;
  }
  throw new Error('expected a refusal');
};

describe(sealPersons.name, () => {
  it('seals each ID number (never stored in clear), with its masked form and a keyed HMAC', () => {
    const [row] = sealPersons(cipher, [person()], []);
    expect(row!.idNumberMasked).toBe('430223********1235');
    expect(Buffer.concat([row!.idNumberCt, row!.idNumberIv, row!.idNumberTag]).toString('latin1')).not.toContain(
      '19900101',
    );
    expect(
      cipher.decrypt({ ciphertext: row!.idNumberCt, iv: row!.idNumberIv, tag: row!.idNumberTag }, ID_NUMBER_FIELD),
    ).toBe(ID_A);
    expect(row!.idNumberHmac.equals(cipher.blindIndex('RESIDENT_ID', ID_A))).toBe(true);
    expect(row!.keyId).toBe(cipher.keyId);
    expect(row!.personId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the stored ID number of a saved person sent without one, and replaces it when one is sent', () => {
    const [saved] = sealPersons(cipher, [person()], []);
    const [kept] = sealPersons(
      cipher,
      [person({ id: saved!.personId, idNumber: undefined, name: '张三丰' })],
      [saved!],
    );
    expect(kept).toMatchObject({ personId: saved!.personId, name: '张三丰', idNumberMasked: saved!.idNumberMasked });
    expect(kept!.idNumberCt.equals(saved!.idNumberCt)).toBe(true);
    const [replaced] = sealPersons(cipher, [person({ id: saved!.personId, idNumber: ID_B })], [saved!]);
    expect(replaced!.idNumberMasked).toBe('430223********0021');
  });

  it('refuses an unknown person id and the same ID number or mobile twice, each under its field', () => {
    expect(
      problem(() =>
        sealPersons(
          cipher,
          [
            person(),
            person({ mobile: '13912345678' }),
            person({ idNumber: ID_B }),
            person({ id: '6f1c2a4e-8b3d-4c5e-9f60-7a8b9c0d1e2f', idNumber: undefined }),
          ],
          [],
        ),
      ),
    ).toMatchObject({
      status: 400,
      errors: [
        { field: 'persons[3].id', reason: expect.stringContaining('不是本申请表') },
        { field: 'persons[1].idNumber', reason: expect.stringContaining('身份证号重复') },
        { field: 'persons[2].mobile', reason: expect.stringContaining('手机号重复') },
      ],
    });
  });
});
