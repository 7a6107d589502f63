import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 项目资本保证金承诺函: the scan a PRESALE applicant uploads with the permit application (multipart
 * `scan` part, staged by the gateway), one per application, kept with its digest, type, size and name.
 */
export class ApprovalCommitmentLetter1768300000000 implements MigrationInterface {
  name = 'ApprovalCommitmentLetter1768300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE permit_application_commitment_letter (
        application_id uuid PRIMARY KEY REFERENCES permit_application(application_id),
        scan bytea NOT NULL,
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png')),
        size integer NOT NULL CHECK (size > 0 AND size = octet_length(scan)),
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE permit_application_commitment_letter`);
  }
}
