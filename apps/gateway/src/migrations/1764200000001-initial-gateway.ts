import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialGateway1764200000001 implements MigrationInterface {
  name = 'InitialGateway1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integrator_client (
        client_id text PRIMARY KEY,
        name text NOT NULL,
        secret_hash text NOT NULL,
        regions text[] NOT NULL CHECK (cardinality(regions) > 0),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        sandbox boolean NOT NULL DEFAULT false,
        rate_limit_per_minute int NULL CHECK (rate_limit_per_minute > 0),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integrator_client`);
  }
}
