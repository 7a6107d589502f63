import { Injectable } from '@nestjs/common';
import { BuyerIdTypeV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';

/** Anything that runs a parameterised query and returns its rows (an EntityManager, a pg client wrapper). */
export interface SqlRunner {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

/** A buyer row as stored: ID and phone numbers sealed (see PiiCipher). */
export interface StoredBuyer {
  buyer_type: 'PERSON' | 'ORGANIZATION';
  name: string;
  id_type: BuyerIdTypeV1 | null;
  id_number_ct: Buffer | null;
  id_number_iv: Buffer | null;
  id_number_tag: Buffer | null;
  phone_ct: Buffer | null;
  phone_iv: Buffer | null;
  phone_tag: Buffer | null;
  credit_code: string | null;
}

/** Reads of contract_buyer; buyers are written by the filing statement (filing/filing-statement.ts). */
@Injectable()
export class ContractBuyerRepository {
  /** The sealed buyers of one filing in their filed order, on the caller's runner (transaction or pool). */
  findSealed(runner: SqlRunner | EntityManager, sandbox: boolean, contractNumber: string): Promise<StoredBuyer[]> {
    return runner.query<StoredBuyer[]>(
      `SELECT buyer_type, name, id_type, id_number_ct, id_number_iv, id_number_tag, phone_ct, phone_iv, phone_tag, credit_code
       FROM contract_buyer WHERE sandbox = $1 AND contract_number = $2 ORDER BY position`,
      [sandbox, contractNumber],
    );
  }
}
