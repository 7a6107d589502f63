import { Injectable } from '@nestjs/common';
import { PresalePermitV1 } from '@hn/messages';
import { PresaleLetter } from '@hn/numbering';
import { EntityManager } from 'typeorm';
import { LocalCertificateKeys } from './local-certificate';

/** Statements of 取号 on presale_serial_counter, presale_permit and its link rows, in the caller's transaction. */
@Injectable()
export class PresaleRecordRepository {
  /**
   * One statement; the counter row stays locked until commit; the 100th request finds next_serial = 100
   * and gets no row (null).
   */
  async nextSerial(
    manager: EntityManager,
    permitNumber: string,
    letter: PresaleLetter,
    sandbox: boolean,
  ): Promise<number | null> {
    const rows: Array<{ serial: number }> = await manager.query(
      `INSERT INTO presale_serial_counter AS c (permit_number, letter, sandbox, next_serial) VALUES ($1, $2, $3, 2)
       ON CONFLICT (permit_number, letter, sandbox) DO UPDATE SET next_serial = c.next_serial + 1 WHERE c.next_serial <= 99
       RETURNING next_serial - 1 AS serial`,
      [permitNumber, letter, sandbox],
    );
    return rows.length === 0 ? null : rows[0]!.serial;
  }

  async insertPermit(
    manager: EntityManager,
    clientId: string,
    permit: PresalePermitV1,
    digestHex: string,
    keys: LocalCertificateKeys,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO presale_permit (sandbox, presale_number, permit_number, letter, serial, region_code, project_code, client_id, record, record_digest, chain_token, log_index, status, issued_at, authority_key, certificate_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'VALID', $13, $14, $15)`,
      [
        permit.sandbox,
        permit.presaleNumber,
        permit.constructionPermitNumbers[0],
        permit.letter,
        permit.serial,
        permit.regionCode,
        permit.projectCode,
        clientId,
        JSON.stringify(permit),
        digestHex,
        permit.chainToken,
        permit.logIndex,
        permit.issuedAt,
        keys.authorityKey,
        keys.certificateKey,
      ],
    );
  }

  /** The permit and unit links of a record (again after a correction changed them). */
  async insertLinks(manager: EntityManager, permit: PresalePermitV1): Promise<void> {
    await manager.query(
      `INSERT INTO presale_permit_link (sandbox, presale_number, position, permit_number) SELECT $1, $2, p.ord - 1, p.n FROM unnest($3::text[]) WITH ORDINALITY AS p(n, ord)`,
      [permit.sandbox, permit.presaleNumber, permit.constructionPermitNumbers],
    );
    await manager.query(
      `INSERT INTO presale_permit_unit (sandbox, presale_number, unit_code, permit_number)
       SELECT $1, $2, u.unit_code, u.permit_number FROM unit_replica u WHERE u.unit_code = ANY($3::text[]) AND u.permit_number = ANY($4::text[])
       ON CONFLICT DO NOTHING`,
      [permit.sandbox, permit.presaleNumber, permit.unitCodes, permit.constructionPermitNumbers],
    );
  }
}
