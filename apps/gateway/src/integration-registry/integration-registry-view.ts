import { maskPhone } from '@hn/pii';
import { INTEGRATION_STATE_NAMES, IntegrationState } from './dto/integration-registry-input.dto';
import type { RegistryRow } from './integration-registry.repository';

export interface RegistryEntryView {
  id: string;
  cityCode: string;
  vendor: {
    name: string;
    creditCode: string;
    technicians: Array<{ name: string; phone: string }>;
    clientId: string | null;
  };
  counties: string[];
  /** other cities whose counties use the same vendor (derived from their entries, never typed twice) */
  otherCities: string[];
  office: { name: string; head: string; headPhone: string };
  contact: { name: string; phone: string };
  integration: {
    state: IntegrationState;
    stateName: string;
    sandboxPassedOn: string | null;
    technician: string | null;
    liveOn: string | null;
    /** counties of the vendor (all its cities) its credential does not cover; all of them without a credential */
    uncoveredCounties: string[];
  };
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** A row as answered: phone numbers masked (138****8000) unless the reader holds pii:read. */
export function registryEntryView(row: RegistryRow, clearPhones: boolean): RegistryEntryView {
  const phone = (value: string): string => (clearPhones ? value : maskPhone(value));
  return {
    id: row.id,
    cityCode: row.city_code,
    vendor: {
      name: row.vendor_name,
      creditCode: row.vendor_credit_code,
      technicians: row.technicians.map((t) => ({ name: t.name, phone: phone(t.phone) })),
      clientId: row.client_id,
    },
    counties: row.counties,
    otherCities: row.other_cities,
    office: { name: row.office_name, head: row.office_head, headPhone: phone(row.office_head_phone) },
    contact: { name: row.contact_name, phone: phone(row.contact_phone) },
    integration: {
      state: row.integration_state,
      stateName: INTEGRATION_STATE_NAMES[row.integration_state],
      sandboxPassedOn: row.sandbox_passed_on,
      technician: row.sandbox_technician,
      liveOn: row.live_on,
      uncoveredCounties: row.vendor_counties.filter((c) => !credentialCovers(row.credential_regions ?? [], c)),
    },
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A credential covers a county bound to it directly, through its city (XXYY00) or the province (430000). */
export function credentialCovers(regions: readonly string[], county: string): boolean {
  return regions.some(
    (r) => r === county || r === '430000' || (r.endsWith('00') && r.slice(0, 4) === county.slice(0, 4)),
  );
}
