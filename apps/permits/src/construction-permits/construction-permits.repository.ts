import type { CapitalGuaranteeV1, FundSupervisionV1 } from '@hn/messages';
import type { ELicensePresaleFields } from '../e-license/e-license-presale-rows';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PermitSearch, permitSearchWhere, selectPermit } from './construction-permits.sql';
import { BuildingUnit } from './entities/building-unit.entity';
import { ELicenseFile } from './entities/e-license-file.entity';
import { PermitRow } from './permit-rows';

const SELECT_PERMIT = selectPermit('real');

/**
 * SQL of the real permit tables (construction_permit, project, building_unit, e_license_file).
 * Methods that run inside the caller's transaction take its EntityManager.
 */
@Injectable()
export class ConstructionPermitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One permit joined with its project (one query), or undefined. */
  async findPermit(permitNumber: string): Promise<PermitRow | undefined> {
    const rows: PermitRow[] = await this.dataSource.query(`${SELECT_PERMIT} WHERE p.permit_number = $1`, [
      permitNumber,
    ]);
    return rows[0];
  }

  units(permitNumber: string): Promise<BuildingUnit[]> {
    return this.dataSource.getRepository(BuildingUnit).find({ where: { permitNumber }, order: { unitCode: 'ASC' } });
  }

  uploadedELicense(permitNumber: string): Promise<ELicenseFile | null> {
    return this.dataSource.getRepository(ELicenseFile).findOne({ where: { permitNumber } });
  }

  /** The page of a name search, and its total counted up to countCap + 1. */
  async search(s: PermitSearch): Promise<{ rows: PermitRow[]; counted: number }> {
    const { where, params } = permitSearchWhere(s);
    const [countRows, rows] = await Promise.all([
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM (SELECT 1 FROM construction_permit p WHERE ${where} LIMIT ${s.countCap + 1}) t`,
        params,
      ) as Promise<Array<{ total: number }>>,
      this.dataSource.query(
        `${SELECT_PERMIT} WHERE ${where} ORDER BY p.issue_date DESC, p.permit_number LIMIT ${s.pageSize} OFFSET ${(s.page - 1) * s.pageSize}`,
        params,
      ) as Promise<PermitRow[]>,
    ]);
    return { rows, counted: countRows[0]?.total ?? 0 };
  }

  async countPermits(): Promise<number> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM construction_permit`)) as Array<{
      n: number;
    }>;
    return n;
  }

  /** Serialises writers of the same project and permit; different permits proceed in parallel. */
  async lockProjectAndPermit(m: EntityManager, projectCode: string, permitNumber: string): Promise<void> {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtext('project:' || $1)), pg_advisory_xact_lock(hashtext('permit:' || $2))`,
      [projectCode, permitNumber],
    );
  }

  /** A submitted marking (存量预售项目标记) locks the project's type. */
  async isMarkingSubmitted(m: EntityManager, projectCode: string): Promise<boolean> {
    return (
      (
        (await m.query(`SELECT 1 FROM project_marking WHERE project_code = $1 AND state = 'SUBMITTED'`, [
          projectCode,
        ])) as unknown[]
      ).length > 0
    );
  }

  async permitNumbersOfProject(m: EntityManager, projectCode: string): Promise<string[]> {
    const rows: Array<{ permit_number: string }> = await m.query(
      `SELECT permit_number FROM construction_permit WHERE project_code = $1 ORDER BY permit_number`,
      [projectCode],
    );
    return rows.map((r) => r.permit_number);
  }

  /** The capital guarantee and escrow of the approval application that issued a permit (null: not issued by it). */
  async approvalPresaleFields(permitNumber: string): Promise<ELicensePresaleFields | null> {
    const rows: Array<{ cg: CapitalGuaranteeV1 | null; fs: FundSupervisionV1 | null; letter: boolean }> =
      await this.dataSource.query(
        `SELECT a.form->'capitalGuarantee' AS cg, a.form->'fundSupervision' AS fs,
                EXISTS (SELECT 1 FROM permit_application_commitment_letter l WHERE l.application_id = a.application_id)
                  AS letter
           FROM permit_application a
          WHERE a.permit_number = $1`,
        [permitNumber],
      );
    const row = rows[0];
    if (!row) return null;
    const g = row.cg;
    return {
      capitalGuarantee: g ? { applies: g.applies, amountFen: g.amountFen ?? null, commitmentLetter: row.letter } : null,
      fundSupervision: row.fs ?? null,
    };
  }
}
