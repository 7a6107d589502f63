import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A municipal IT vendor's credential: a set of regions and scopes; the secret is kept hashed. */
@Entity({ name: 'integrator_client' })
export class IntegratorClient {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ type: 'text', array: true })
  regions!: string[];

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ type: 'boolean', default: false })
  sandbox!: boolean;

  @Column({ name: 'rate_limit_per_minute', type: 'int', nullable: true })
  rateLimitPerMinute!: number | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'token_version', type: 'int', default: 1 })
  tokenVersion!: number;

  /** soft deletion: the row stays (audit references), the client can never authenticate again */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  /** the secret before the last rotation, accepted until previousSecretExpiresAt */
  @Column({ name: 'previous_secret_hash', type: 'text', nullable: true })
  previousSecretHash!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ name: 'secret_rotated_at', type: 'timestamptz', nullable: true })
  secretRotatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
