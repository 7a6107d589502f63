import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 补正时更换承诺函: an application's 项目资本保证金承诺函 is kept in versions (1 from the submission, the next
 * one with each RESUBMIT that uploads a letter); the highest version is the current letter. Rows are never
 * changed or deleted (a trigger refuses both), so every replaced letter stays with its digest and uploader.
 */
export class ApprovalCommitmentLetterVersions1768400000000 implements MigrationInterface {
  name = 'ApprovalCommitmentLetterVersions1768400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE permit_application_commitment_letter
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    await q.query(`ALTER TABLE permit_application_commitment_letter ALTER COLUMN version DROP DEFAULT`);
    await q.query(
      `ALTER TABLE permit_application_commitment_letter DROP CONSTRAINT permit_application_commitment_letter_pkey`,
    );
    await q.query(`ALTER TABLE permit_application_commitment_letter ADD PRIMARY KEY (application_id, version)`);
    await q.query(`
      CREATE FUNCTION permit_application_commitment_letter_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'permit_application_commitment_letter rows are kept: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER permit_application_commitment_letter_keep
        BEFORE UPDATE OR DELETE ON permit_application_commitment_letter
        FOR EACH ROW EXECUTE FUNCTION permit_application_commitment_letter_keep()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER permit_application_commitment_letter_keep ON permit_application_commitment_letter`);
    await q.query(`DROP FUNCTION permit_application_commitment_letter_keep()`);
    // back to one letter per application: the current one stays
    await q.query(`
      DELETE FROM permit_application_commitment_letter l
       WHERE version < (SELECT max(version) FROM permit_application_commitment_letter c
                         WHERE c.application_id = l.application_id)`);
    await q.query(
      `ALTER TABLE permit_application_commitment_letter DROP CONSTRAINT permit_application_commitment_letter_pkey`,
    );
    await q.query(`ALTER TABLE permit_application_commitment_letter ADD PRIMARY KEY (application_id)`);
    await q.query(`ALTER TABLE permit_application_commitment_letter DROP COLUMN version`);
  }
}
