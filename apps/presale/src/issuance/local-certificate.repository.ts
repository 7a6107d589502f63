import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LocalCertificateKeys } from './local-certificate';

/** Statements of the one-number-per-local-certificate rule (see local-certificate.ts), in the caller's transaction. */
@Injectable()
export class LocalCertificateRepository {
  /** Transaction-scoped advisory lock on the certificate key: concurrent issuances of one certificate queue here. */
  async lock(manager: EntityManager, sandbox: boolean, keys: LocalCertificateKeys): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 11))`, [
      `presale-cert:${sandbox}:${keys.authorityKey}:${keys.certificateKey}`,
    ]);
  }

  /** The live record holding the certificate, other than `except` (the record being corrected). */
  async liveHolder(
    manager: EntityManager,
    sandbox: boolean,
    keys: LocalCertificateKeys,
    except?: string,
  ): Promise<string | undefined> {
    const rows: Array<{ presale_number: string }> = await manager.query(
      `SELECT presale_number FROM presale_permit
     WHERE sandbox = $1 AND authority_key = $2 AND certificate_key = $3 AND status <> 'WITHDRAWN' AND presale_number IS DISTINCT FROM $4 LIMIT 1`,
      [sandbox, keys.authorityKey, keys.certificateKey, except ?? null],
    );
    return rows[0]?.presale_number;
  }

  /** The live record holding the certificate, read after a unique violation of the index (outside the failed transaction). */
  async winner(manager: EntityManager, sandbox: boolean, keys: LocalCertificateKeys): Promise<string | undefined> {
    const rows: Array<{ presale_number: string }> = await manager.query(
      `SELECT presale_number FROM presale_permit WHERE sandbox = $1 AND authority_key = $2 AND certificate_key = $3 AND status <> 'WITHDRAWN' LIMIT 1`,
      [sandbox, keys.authorityKey, keys.certificateKey],
    );
    return rows[0]?.presale_number;
  }
}
