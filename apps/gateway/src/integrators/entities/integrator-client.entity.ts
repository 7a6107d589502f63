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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
