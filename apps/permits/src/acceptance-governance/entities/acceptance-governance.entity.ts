import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * 数据治理补录: an acceptance date the province approved for a project that skipped online
 * acceptance (task 4(2)). The row stays: the permit is marked governance-backfilled for good, and a
 * later push from the approval system without dates does not erase the approved one.
 */
@Entity({ name: 'acceptance_governance' })
export class AcceptanceGovernance {
  @PrimaryColumn({ name: 'permit_number', type: 'char', length: 18 })
  permitNumber!: string;

  @Column({ name: 'backfill_id', type: 'uuid' })
  backfillId!: string;

  @Column({ type: 'text' })
  kind!: 'FIVE_PARTY' | 'COMPLETION_FILING';

  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'approved_by', type: 'text' })
  approvedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
