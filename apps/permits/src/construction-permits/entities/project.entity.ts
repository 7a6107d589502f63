import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ProjectType } from '@hn/messages';

/** 工改项目: one row per projectCode; its type (预售/现售/其它) is set at registration or marked later. */
@Entity({ name: 'project' })
export class Project {
  @PrimaryColumn({ name: 'project_code', type: 'text' })
  projectCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @Column({ name: 'developer_name', type: 'text' })
  developerName!: string;

  @Column({ name: 'developer_credit_code', type: 'char', length: 18 })
  developerCreditCode!: string;

  @Column({ name: 'project_type', type: 'text', nullable: true })
  projectType!: ProjectType | null;

  @Column({ type: 'text' })
  category!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
