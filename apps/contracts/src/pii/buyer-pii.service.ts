import { Injectable } from '@nestjs/common';
import { BuyerIdTypeV1, ContractBuyerV1 } from '@hn/messages';
import { PiiCipher } from '@hn/pii';
import { EntityManager } from 'typeorm';
import { ContractBuyerRepository, SqlRunner } from './contract-buyer.repository';

/** One buyer as handed to the filing statement (jsonb_to_recordset): binary fields base64. */
export interface SealedBuyerRow {
  position: number;
  type: 'PERSON' | 'ORGANIZATION';
  name: string;
  idType: string | null;
  idCt: string | null;
  idIv: string | null;
  idTag: string | null;
  idHmac: string | null;
  phoneCt: string | null;
  phoneIv: string | null;
  phoneTag: string | null;
  keyId: string | null;
  creditCode: string | null;
}

/** Seals buyers' ID and phone numbers for storage and opens them again for pii:read callers. */
@Injectable()
export class BuyerPiiService {
  constructor(
    private readonly cipher: PiiCipher,
    private readonly buyers: ContractBuyerRepository,
  ) {}

  /** Keyed hash of a canonical request body (see PiiCipher.requestDigest). */
  requestDigest(canonicalBody: string): string {
    return this.cipher.requestDigest(canonicalBody);
  }

  seal(buyers: readonly ContractBuyerV1[]): SealedBuyerRow[] {
    const b64 = (buf: Buffer): string => buf.toString('base64');
    return buyers.map((b, position) => {
      if (b.type === 'ORGANIZATION') {
        return {
          position,
          type: b.type,
          name: b.name,
          idType: null,
          idCt: null,
          idIv: null,
          idTag: null,
          idHmac: null,
          phoneCt: null,
          phoneIv: null,
          phoneTag: null,
          keyId: null,
          creditCode: b.creditCode,
        };
      }
      const id = this.cipher.encrypt(b.idNumber, 'idNumber');
      const phone = this.cipher.encrypt(b.phone, 'phone');
      return {
        position,
        type: b.type,
        name: b.name,
        idType: b.idType,
        idCt: b64(id.ciphertext),
        idIv: b64(id.iv),
        idTag: b64(id.tag),
        idHmac: b64(this.cipher.blindIndex(b.idType, b.idNumber)),
        phoneCt: b64(phone.ciphertext),
        phoneIv: b64(phone.iv),
        phoneTag: b64(phone.tag),
        keyId: this.cipher.keyId,
        creditCode: null,
      };
    });
  }

  /** The buyers of one filing in clear, in their filed order. */
  async reveal(
    manager: SqlRunner | EntityManager,
    sandbox: boolean,
    contractNumber: string,
  ): Promise<ContractBuyerV1[]> {
    const rows = await this.buyers.findSealed(manager, sandbox, contractNumber);
    return rows.map((r) => {
      if (r.buyer_type === 'ORGANIZATION')
        return { type: 'ORGANIZATION', name: r.name, creditCode: r.credit_code ?? '' };
      return {
        type: 'PERSON',
        name: r.name,
        idType: r.id_type as BuyerIdTypeV1,
        idNumber: this.cipher.decrypt(
          { ciphertext: r.id_number_ct!, iv: r.id_number_iv!, tag: r.id_number_tag! },
          'idNumber',
        ),
        phone: this.cipher.decrypt({ ciphertext: r.phone_ct!, iv: r.phone_iv!, tag: r.phone_tag! }, 'phone'),
      };
    });
  }
}
