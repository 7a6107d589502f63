import { FieldError } from '@hn/messages';
import { maskIdNumber, PiiCipher } from '@hn/pii';
import { randomUUID } from 'node:crypto';
import type { ResponsiblePersonFields } from './dto/account-application-input.dto';
import { ApplicationErrors } from './account-application.exception';
import type { SealedPersonRow } from './account-applications.repository';

/** The column the ID numbers are sealed for (bound as associated data). */
export const ID_NUMBER_FIELD = 'account-application.idNumber';

/**
 * The persons of a form as stored: a new ID number sealed (AES-256-GCM), its keyed HMAC and masked
 * form beside it; a saved person named by `id` without an ID number keeps the stored one. Refuses,
 * each under its own field, an `id` that is not a person of this form and the same ID number or mobile
 * twice in one form.
 */
export function sealPersons(
  cipher: PiiCipher,
  inputs: readonly ResponsiblePersonFields[],
  existing: readonly SealedPersonRow[],
): SealedPersonRow[] {
  const errors: FieldError[] = [];
  const saved = new Map(existing.map((p) => [p.personId, p]));
  const rows = inputs.map((input, i): SealedPersonRow | null => {
    const previous = input.id ? saved.get(input.id.toLowerCase()) : undefined;
    if (input.id && !previous) {
      errors.push({
        field: `persons[${i}].id`,
        reason: '不是本申请表已保存的责任人 (not a saved person of this application)',
      });
      return null;
    }
    const identity = input.idNumber ? seal(cipher, input.idNumber) : previous!;
    return {
      personId: previous?.personId ?? randomUUID(),
      name: input.name,
      mobile: input.mobile,
      idNumberCt: identity.idNumberCt,
      idNumberIv: identity.idNumberIv,
      idNumberTag: identity.idNumberTag,
      idNumberHmac: identity.idNumberHmac,
      idNumberMasked: identity.idNumberMasked,
      keyId: identity.keyId,
      unitName: input.unitName,
      unitIsPermitAuthority: input.unitIsPermitAuthority,
      unitCreditCode: input.unitCreditCode ?? null,
      permissions: [...input.permissions],
    };
  });
  rows.forEach((row, i) => {
    if (!row) return;
    const earlier = rows.slice(0, i).filter((r): r is SealedPersonRow => r !== null);
    if (earlier.some((r) => r.idNumberHmac.equals(row.idNumberHmac)))
      errors.push({ field: `persons[${i}].idNumber`, reason: '同一身份证号重复填报 (the same ID number twice)' });
    if (earlier.some((r) => r.mobile === row.mobile))
      errors.push({ field: `persons[${i}].mobile`, reason: '同一手机号重复填报 (the same mobile twice)' });
  });
  if (errors.length > 0) throw ApplicationErrors.invalid(errors);
  return rows as SealedPersonRow[];
}

function seal(
  cipher: PiiCipher,
  idNumber: string,
): Pick<SealedPersonRow, 'idNumberCt' | 'idNumberIv' | 'idNumberTag' | 'idNumberHmac' | 'idNumberMasked' | 'keyId'> {
  const sealed = cipher.encrypt(idNumber, ID_NUMBER_FIELD);
  return {
    idNumberCt: sealed.ciphertext,
    idNumberIv: sealed.iv,
    idNumberTag: sealed.tag,
    idNumberHmac: cipher.blindIndex('RESIDENT_ID', idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    keyId: cipher.keyId,
  };
}
