import { regionName } from '@hn/numbering';
import type { ApplicationPermission } from './dto/account-application-input.dto';

/** DRAFT (city) → SUBMITTED (city) → APPROVED or RETURNED (province); a RETURNED form is edited and submitted again. */
export const APPLICATION_STATES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** The states in which the city may still change and submit its form. */
export const EDITABLE_STATES: readonly ApplicationState[] = ['DRAFT', 'RETURNED'];

export interface ApplicationRow {
  id: string;
  city_code: string;
  county_code: string;
  state: ApplicationState;
  main_leader: string;
  leader_in_charge: string;
  contact_name: string;
  contact_mobile: string;
  return_reason: string | null;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
  submitted_by: string | null;
  submitted_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
}

/** A person as read for replies: the ID number only in its masked form (the sealed columns are not selected). */
export interface PersonRow {
  application_id: string;
  person_id: string;
  position: number;
  name: string;
  mobile: string;
  id_number_masked: string;
  unit_name: string;
  unit_is_permit_authority: boolean;
  unit_credit_code: string | null;
  permissions: ApplicationPermission[];
  username: string | null;
}

/** A responsible person as every reply shows them: the ID number masked (430223********1234). */
export interface ResponsiblePersonView {
  id: string;
  name: string;
  mobile: string;
  idNumber: string;
  unitName: string;
  unitIsPermitAuthority: boolean;
  unitCreditCode: string | null;
  permissions: ApplicationPermission[];
  /** the staff account created on approval */
  username: string | null;
}

export interface AccountApplicationView {
  id: string;
  cityCode: string;
  cityName: string;
  countyCode: string;
  countyName: string;
  state: ApplicationState;
  mainLeader: string;
  leaderInCharge: string;
  contactName: string;
  contactMobile: string;
  persons: ResponsiblePersonView[];
  returnReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** One account created by an approval; the one-time password only in the approving reply. */
export interface CreatedAccountView {
  personId: string;
  name: string;
  username: string;
  /** shown once: null when the approval is answered again (double click, retry) */
  oneTimePassword: string | null;
}

export interface ApprovalView {
  application: AccountApplicationView;
  accounts: CreatedAccountView[];
  /** true when the application was already approved: the accounts exist, their passwords are not shown again */
  alreadyApproved: boolean;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function applicationView(row: ApplicationRow, persons: readonly PersonRow[]): AccountApplicationView {
  return {
    id: row.id,
    cityCode: row.city_code,
    cityName: regionName(row.city_code) ?? row.city_code,
    countyCode: row.county_code,
    countyName: regionName(row.county_code) ?? row.county_code,
    state: row.state,
    mainLeader: row.main_leader,
    leaderInCharge: row.leader_in_charge,
    contactName: row.contact_name,
    contactMobile: row.contact_mobile,
    persons: [...persons]
      .sort((a, b) => a.position - b.position)
      .map((p) => ({
        id: p.person_id,
        name: p.name,
        mobile: p.mobile,
        idNumber: p.id_number_masked,
        unitName: p.unit_name,
        unitIsPermitAuthority: p.unit_is_permit_authority,
        unitCreditCode: p.unit_credit_code,
        permissions: [...p.permissions],
        username: p.username,
      })),
    returnReason: row.return_reason,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at),
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
  };
}
