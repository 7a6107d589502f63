import type { PaymentMethodV1, ProjectType } from '@hn/messages';
import type { Versioned } from './timeline';

/** One version of each record kind the statistics read (rm_stat_*); areas in hundredths of m². */

export interface PermitVersion extends Versioned {
  permitNumber: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  issueDate: string;
  floorArea: number;
  category: string;
  status: string;
}

export interface ProjectVersion extends Versioned {
  projectCode: string;
  projectName: string;
  regionCode: string;
  projectType: ProjectType | null;
}

export interface PresaleVersion extends Versioned {
  presaleNumber: string;
  letter: 'Y' | 'Z';
  projectCode: string;
  projectName: string;
  regionCode: string;
  issueDate: string;
  presaleArea: number;
  unitCount: number;
  /** Y: the issued permit names a supervised account; Z: null */
  fundSupervision: boolean | null;
  superseded: boolean;
}

export interface EscrowVersion extends Versioned {
  presaleNumber: string;
  regionCode: string;
  state: string;
  capitalGuaranteeFen: number | null;
  commitmentLetter: boolean;
  fundSupervision: boolean;
  balanceFen: number;
  balanceAsOf: string;
}

export interface FilingVersion extends Versioned {
  contractNumber: string;
  presaleNumber: string;
  projectCode: string;
  regionCode: string;
  filingDate: string;
  floorArea: number;
  amountFen: number;
  paymentMethod: PaymentMethodV1;
  status: 'ACTIVE' | 'CANCELLED';
  /** RFC 3339 instant of the cancellation */
  cancelledAt: string | null;
}

/** Everything one event states, as versions of records. */
export interface FactVersions {
  permits: PermitVersion[];
  projects: ProjectVersion[];
  presales: PresaleVersion[];
  escrows: EscrowVersion[];
  filings: FilingVersion[];
}

export const noFacts = (): FactVersions => ({ permits: [], projects: [], presales: [], escrows: [], filings: [] });
