import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { IntegrationState } from './dto/integration-registry-input.dto';

export interface TechnicianRow {
  name: string;
  phone: string;
}

/** An entry joined with its vendor and the other cities using the same vendor. */
export interface RegistryRow {
  id: string;
  city_code: string;
  counties: string[];
  office_name: string;
  office_head: string;
  office_head_phone: string;
  contact_name: string;
  contact_phone: string;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
  vendor_credit_code: string;
  vendor_name: string;
  technicians: TechnicianRow[];
  client_id: string | null;
  integration_state: IntegrationState;
  sandbox_passed_on: string | null;
  sandbox_technician: string | null;
  live_on: string | null;
  other_cities: string[];
  /** every county of every city using the vendor */
  vendor_counties: string[];
  /** regions of the vendor's credential; null when it has none or it is disabled or deleted */
  credential_regions: string[] | null;
}

export interface VendorRow {
  credit_code: string;
  name: string;
  technicians: TechnicianRow[];
  client_id: string | null;
  integration_state: IntegrationState;
  sandbox_passed_on: string | null;
  sandbox_technician: string | null;
  live_on: string | null;
}

export interface EntryContent {
  cityCode: string;
  counties: string[];
  officeName: string;
  officeHead: string;
  officeHeadPhone: string;
  contactName: string;
  contactPhone: string;
}

export interface VendorIntegration {
  clientId: string | null;
  state: IntegrationState;
  sandboxPassedOn: string | null;
  sandboxTechnician: string | null;
  liveOn: string | null;
}

const SELECT_ROWS = `
  SELECT e.id, e.city_code, e.counties, e.office_name, e.office_head, e.office_head_phone, e.contact_name,
         e.contact_phone, e.created_by, e.created_at, e.updated_by, e.updated_at, e.vendor_credit_code,
         v.name AS vendor_name, v.technicians, v.client_id, v.integration_state,
         to_char(v.sandbox_passed_on, 'YYYY-MM-DD') AS sandbox_passed_on, v.sandbox_technician,
         to_char(v.live_on, 'YYYY-MM-DD') AS live_on,
         ARRAY(SELECT o.city_code FROM integration_registry_entry o
                WHERE o.vendor_credit_code = e.vendor_credit_code AND o.id <> e.id ORDER BY o.city_code) AS other_cities,
         ARRAY(SELECT DISTINCT unnest(a.counties) FROM integration_registry_entry a
                WHERE a.vendor_credit_code = e.vendor_credit_code ORDER BY 1) AS vendor_counties,
         (SELECT c.regions FROM integrator_client c
           WHERE c.client_id = v.client_id AND NOT c.disabled AND c.deleted_at IS NULL) AS credential_regions
    FROM integration_registry_entry e JOIN integration_vendor v ON v.credit_code = e.vendor_credit_code`;

const SELECT_VENDOR = `SELECT credit_code, name, technicians, client_id, integration_state,
         to_char(sandbox_passed_on, 'YYYY-MM-DD') AS sandbox_passed_on, sandbox_technician,
         to_char(live_on, 'YYYY-MM-DD') AS live_on
    FROM integration_vendor WHERE credit_code = $1`;

/** Name and technicians of a vendor: inserted on its first city, refreshed by each later one. */
const UPSERT_VENDOR = `INSERT INTO integration_vendor (credit_code, name, technicians, updated_by) VALUES ($1, $2, $3::jsonb, $4)
  ON CONFLICT (credit_code) DO UPDATE SET name = EXCLUDED.name, technicians = EXCLUDED.technicians,
    updated_by = EXCLUDED.updated_by, updated_at = now()`;

const INSERT_ENTRY = `INSERT INTO integration_registry_entry
    (id, city_code, vendor_credit_code, counties, office_name, office_head, office_head_phone, contact_name,
     contact_phone, created_by, updated_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
  ON CONFLICT ON CONSTRAINT integration_registry_one_vendor_per_city DO NOTHING RETURNING id`;

const UPDATE_ENTRY = `UPDATE integration_registry_entry
     SET counties = $2, office_name = $3, office_head = $4, office_head_phone = $5, contact_name = $6,
         contact_phone = $7, updated_by = $8, updated_at = now()
   WHERE id = $1`;

const UPDATE_TECHNICIANS = `UPDATE integration_vendor SET technicians = $2::jsonb, updated_by = $3, updated_at = now()
   WHERE credit_code = $1`;

const UPDATE_INTEGRATION = `UPDATE integration_vendor
     SET client_id = $2, integration_state = $3, sandbox_passed_on = $4::date, sandbox_technician = $5,
         live_on = $6::date, updated_by = $7, updated_at = now()
   WHERE credit_code = $1`;

/** Every county of every city using the vendor (what its one credential must cover). */
const VENDOR_COUNTIES = `SELECT DISTINCT unnest(counties) AS county FROM integration_registry_entry
   WHERE vendor_credit_code = $1 ORDER BY 1`;

const CREDENTIAL = `SELECT regions, (disabled OR deleted_at IS NOT NULL) AS unusable FROM integrator_client WHERE client_id = $1`;

/** SQL of the integration registry (附件3); writes run in the caller's transaction. */
@Injectable()
export class IntegrationRegistryRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: { cityCode?: string; vendorCreditCode?: string }): Promise<RegistryRow[]> {
    return this.dataSource.query(
      `${SELECT_ROWS} WHERE ($1::text IS NULL OR e.city_code = $1) AND ($2::text IS NULL OR e.vendor_credit_code = $2)
        ORDER BY e.city_code, v.name, e.id`,
      [filter.cityCode ?? null, filter.vendorCreditCode ?? null],
    );
  }

  async find(m: EntityManager | DataSource, id: string): Promise<RegistryRow | undefined> {
    return ((await m.query(`${SELECT_ROWS} WHERE e.id = $1`, [id])) as RegistryRow[])[0];
  }

  /** Locks the entry for the caller's transaction; its vendor code, or undefined when there is none. */
  async lockEntry(m: EntityManager, id: string): Promise<string | undefined> {
    const rows = (await m.query(`SELECT vendor_credit_code FROM integration_registry_entry WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as Array<{ vendor_credit_code: string }>;
    return rows[0]?.vendor_credit_code;
  }

  async lockVendor(m: EntityManager, creditCode: string): Promise<VendorRow | undefined> {
    return ((await m.query(`${SELECT_VENDOR} FOR UPDATE`, [creditCode])) as VendorRow[])[0];
  }

  async upsertVendor(
    m: EntityManager,
    vendor: { creditCode: string; name: string; technicians: TechnicianRow[] },
    actor: string,
  ): Promise<void> {
    await m.query(UPSERT_VENDOR, [vendor.creditCode, vendor.name, JSON.stringify(vendor.technicians), actor]);
  }

  /** False when the city already has an entry for this vendor. */
  async insertEntry(
    m: EntityManager,
    id: string,
    vendor: string,
    entry: EntryContent,
    actor: string,
  ): Promise<boolean> {
    const rows = (await m.query(INSERT_ENTRY, [
      id,
      entry.cityCode,
      vendor,
      entry.counties,
      entry.officeName,
      entry.officeHead,
      entry.officeHeadPhone,
      entry.contactName,
      entry.contactPhone,
      actor,
    ])) as unknown[];
    return rows.length > 0;
  }

  async updateEntry(m: EntityManager, id: string, entry: Omit<EntryContent, 'cityCode'>, actor: string): Promise<void> {
    await m.query(UPDATE_ENTRY, [
      id,
      entry.counties,
      entry.officeName,
      entry.officeHead,
      entry.officeHeadPhone,
      entry.contactName,
      entry.contactPhone,
      actor,
    ]);
  }

  async updateTechnicians(
    m: EntityManager,
    creditCode: string,
    technicians: TechnicianRow[],
    actor: string,
  ): Promise<void> {
    await m.query(UPDATE_TECHNICIANS, [creditCode, JSON.stringify(technicians), actor]);
  }

  async updateIntegration(
    m: EntityManager,
    creditCode: string,
    integration: VendorIntegration,
    actor: string,
  ): Promise<void> {
    await m.query(UPDATE_INTEGRATION, [
      creditCode,
      integration.clientId,
      integration.state,
      integration.sandboxPassedOn,
      integration.sandboxTechnician,
      integration.liveOn,
      actor,
    ]);
  }

  async vendorCounties(m: EntityManager, creditCode: string): Promise<string[]> {
    return ((await m.query(VENDOR_COUNTIES, [creditCode])) as Array<{ county: string }>).map((r) => r.county);
  }

  async credential(m: EntityManager, clientId: string): Promise<{ regions: string[]; unusable: boolean } | undefined> {
    return ((await m.query(CREDENTIAL, [clientId])) as Array<{ regions: string[]; unusable: boolean }>)[0];
  }
}
