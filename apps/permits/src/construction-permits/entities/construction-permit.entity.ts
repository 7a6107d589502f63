import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PermitStatus } from '@hn/messages';

/** 施工许可证. Dates are ISO date strings (the pg DATE parser is set to return text). */
@Entity({ name: 'construction_permit' })
export class ConstructionPermit {
  @PrimaryColumn({ name: 'permit_number', type: 'char', length: 18 })
  permitNumber!: string;

  @Column({ name: 'project_code', type: 'text' })
  projectCode!: string;

  @Column({ name: 'project_name', type: 'text' })
  projectName!: string;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate!: string;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'planned_completion_date', type: 'date', nullable: true })
  plannedCompletionDate!: string | null;

  @Column({ name: 'five_party_acceptance_date', type: 'date', nullable: true })
  fivePartyAcceptanceDate!: string | null;

  @Column({ name: 'completion_filing_date', type: 'date', nullable: true })
  completionFilingDate!: string | null;

  @Column({ type: 'text', default: 'VALID' })
  status!: PermitStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
