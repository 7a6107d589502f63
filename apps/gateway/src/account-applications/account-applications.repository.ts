import { Injectable } from '@nestjs/common';
import { ACCOUNT_APPLICATION_SORT, SortOrder } from '@hn/messages';
import { orderBy } from '@hn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { ApplicationPermission } from './dto/account-application-input.dto';
import type { ApplicationRow, ApplicationState, PersonRow } from './account-application-view';

/** What a person row stores: the ID number sealed (AES-256-GCM), its keyed HMAC and its masked form only. */
export interface SealedPersonRow {
  personId: string;
  name: string;
  mobile: string;
  idNumberCt: Buffer;
  idNumberIv: Buffer;
  idNumberTag: Buffer;
  idNumberHmac: Buffer;
  idNumberMasked: string;
  keyId: string;
  unitName: string;
  unitIsPermitAuthority: boolean;
  unitCreditCode: string | null;
  permissions: ApplicationPermission[];
}

export interface ApplicationContent {
  countyCode: string;
  mainLeader: string;
  leaderInCharge: string;
  contactName: string;
  contactMobile: string;
}

export interface ApplicationFilter {
  cityCode?: string;
  countyCode?: string;
  state?: ApplicationState;
  sort?: SortOrder<ApplicationSortField>;
}

type ApplicationSortField = (typeof ACCOUNT_APPLICATION_SORT.fields)[number];

/** The column of each sortable field of the applications. */
const SORT_COLUMNS: Record<ApplicationSortField, string> = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  countyCode: 'county_code',
  state: 'state',
};

const APPLICATION_COLUMNS = `id, city_code, county_code, state, main_leader, leader_in_charge, contact_name, contact_mobile,
  return_reason, created_by, created_at, updated_by, updated_at, submitted_by, submitted_at, decided_by, decided_at`;

const PERSON_COLUMNS = `application_id, person_id, position, name, mobile, id_number_masked, unit_name,
  unit_is_permit_authority, unit_credit_code, permissions, username`;

const INSERT_APPLICATION = `INSERT INTO account_application
    (id, city_code, county_code, state, main_leader, leader_in_charge, contact_name, contact_mobile, created_by, updated_by)
  VALUES ($1, $2, $3, 'DRAFT', $4, $5, $6, $7, $8, $8)`;

const UPDATE_CONTENT = `UPDATE account_application
     SET county_code = $2, main_leader = $3, leader_in_charge = $4, contact_name = $5, contact_mobile = $6,
         updated_by = $7, updated_at = now()
   WHERE id = $1`;

const INSERT_PERSON = `INSERT INTO account_application_person
    (application_id, person_id, position, name, mobile, id_number_ct, id_number_iv, id_number_tag, id_number_hmac,
     id_number_masked, key_id, unit_name, unit_is_permit_authority, unit_credit_code, permissions)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;

const SELECT_SEALED = `SELECT person_id, name, mobile, id_number_ct, id_number_iv, id_number_tag, id_number_hmac,
         id_number_masked, key_id, unit_name, unit_is_permit_authority, unit_credit_code, permissions
    FROM account_application_person WHERE application_id = $1 ORDER BY position`;

const SUBMIT = `UPDATE account_application
     SET state = 'SUBMITTED', submitted_by = $2, submitted_at = now(), return_reason = NULL,
         decided_by = NULL, decided_at = NULL, updated_by = $2, updated_at = now()
   WHERE id = $1`;

const DECIDE = `UPDATE account_application
     SET state = $2, return_reason = $4, decided_by = $3, decided_at = now(), updated_by = $3, updated_at = now()
   WHERE id = $1`;

interface StoredSealed {
  person_id: string;
  name: string;
  mobile: string;
  id_number_ct: Buffer;
  id_number_iv: Buffer;
  id_number_tag: Buffer;
  id_number_hmac: Buffer;
  id_number_masked: string;
  key_id: string;
  unit_name: string;
  unit_is_permit_authority: boolean;
  unit_credit_code: string | null;
  permissions: ApplicationPermission[];
}

type Runner = Pick<EntityManager, 'query'>;

/**
 * SQL of account applications (account_application, account_application_person). Hand-written:
 * row locks for the state changes, a serialising advisory lock for the account names of a county,
 * and filtered pages whose WHERE is built from fixed fragments with bound parameters only.
 */
@Injectable()
export class AccountApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, id: string, cityCode: string, content: ApplicationContent, by: string): Promise<void> {
    await m.query(INSERT_APPLICATION, [
      id,
      cityCode,
      content.countyCode,
      content.mainLeader,
      content.leaderInCharge,
      content.contactName,
      content.contactMobile,
      by,
    ]);
  }

  async updateContent(m: EntityManager, id: string, content: ApplicationContent, by: string): Promise<void> {
    await m.query(UPDATE_CONTENT, [
      id,
      content.countyCode,
      content.mainLeader,
      content.leaderInCharge,
      content.contactName,
      content.contactMobile,
      by,
    ]);
  }

  /** The application row locked for the caller's transaction. */
  async lock(m: EntityManager, id: string): Promise<ApplicationRow | undefined> {
    const rows = (await m.query(`SELECT ${APPLICATION_COLUMNS} FROM account_application WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as ApplicationRow[];
    return rows[0];
  }

  async find(id: string, runner: Runner = this.dataSource): Promise<ApplicationRow | undefined> {
    const rows = (await runner.query(`SELECT ${APPLICATION_COLUMNS} FROM account_application WHERE id = $1`, [
      id,
    ])) as ApplicationRow[];
    return rows[0];
  }

  /** Persons of the given applications (masked ID numbers only), in their order. */
  async persons(ids: readonly string[], runner: Runner = this.dataSource): Promise<PersonRow[]> {
    if (ids.length === 0) return [];
    return (await runner.query(
      `SELECT ${PERSON_COLUMNS} FROM account_application_person WHERE application_id = ANY($1::uuid[]) ORDER BY application_id, position`,
      [ids],
    )) as PersonRow[];
  }

  async sealedPersons(m: EntityManager, id: string): Promise<SealedPersonRow[]> {
    const rows = (await m.query(SELECT_SEALED, [id])) as StoredSealed[];
    return rows.map((r) => ({
      personId: r.person_id,
      name: r.name,
      mobile: r.mobile,
      idNumberCt: r.id_number_ct,
      idNumberIv: r.id_number_iv,
      idNumberTag: r.id_number_tag,
      idNumberHmac: r.id_number_hmac,
      idNumberMasked: r.id_number_masked,
      keyId: r.key_id,
      unitName: r.unit_name,
      unitIsPermitAuthority: r.unit_is_permit_authority,
      unitCreditCode: r.unit_credit_code,
      permissions: r.permissions,
    }));
  }

  /** Replaces the persons of a draft (the caller holds the application's row lock). */
  async replacePersons(m: EntityManager, id: string, persons: readonly SealedPersonRow[]): Promise<void> {
    await m.query(`DELETE FROM account_application_person WHERE application_id = $1`, [id]);
    for (const [position, p] of persons.entries()) {
      await m.query(INSERT_PERSON, [
        id,
        p.personId,
        position,
        p.name,
        p.mobile,
        p.idNumberCt,
        p.idNumberIv,
        p.idNumberTag,
        p.idNumberHmac,
        p.idNumberMasked,
        p.keyId,
        p.unitName,
        p.unitIsPermitAuthority,
        p.unitCreditCode,
        p.permissions,
      ]);
    }
  }

  async submit(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(SUBMIT, [id, by]);
  }

  async decide(m: EntityManager, id: string, state: 'APPROVED' | 'RETURNED', by: string, reason: string | null) {
    await m.query(DECIDE, [id, state, by, reason]);
  }

  async setUsername(m: EntityManager, id: string, personId: string, username: string): Promise<void> {
    await m.query(`UPDATE account_application_person SET username = $3 WHERE application_id = $1 AND person_id = $2`, [
      id,
      personId,
      username,
    ]);
  }

  /** Serialises the creation of account names under one prefix (e.g. two approvals for one county). */
  async lockNames(m: EntityManager, prefix: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('staff-username:' || $1))`, [prefix]);
  }

  /** One page, latest change first, and the total of the filter. */
  async page(
    filter: ApplicationFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: ApplicationRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.cityCode) {
      params.push(filter.cityCode);
      where.push(`city_code = $${params.length}`);
    }
    if (filter.countyCode) {
      params.push(filter.countyCode);
      where.push(`county_code = $${params.length}`);
    }
    if (filter.state) {
      params.push(filter.state);
      where.push(`state = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM account_application ${clause}`,
      params,
    )) as Array<{ total: number }>;
    const rows = (await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS} FROM account_application ${clause}
        ORDER BY ${orderBy(filter.sort, SORT_COLUMNS, 'id', 'updated_at DESC, id')}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    )) as ApplicationRow[];
    return { rows, total };
  }
}
