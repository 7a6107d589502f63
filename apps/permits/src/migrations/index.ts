import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { InitialPermits1764200000000 } from './1764200000000-initial-permits';
import { SearchGrams1764200000002 } from './1764200000002-search-grams';
import { ProjectMarking1764800000010 } from './1764800000010-project-marking';
import { SandboxPermits1766300000000 } from './1766300000000-sandbox-permits';
import { AcceptanceGovernance1766400000001 } from './1766400000001-acceptance-governance';
import { ApprovalWorkflow1766500000000 } from './1766500000000-approval-workflow';
import { ApprovalClocks1766600000000 } from './1766600000000-approval-clocks';
import { ApprovalCommitmentLetter1768300000000 } from './1768300000000-approval-commitment-letter';
import { ApprovalCommitmentLetterVersions1768400000000 } from './1768400000000-approval-commitment-letter-versions';

/** Ordered migrations of the permits database (outbox/inbox tables from the persistence lib first). */
export const permitsMigrations = [
  CreateOutboxInbox1700000000000,
  InitialPermits1764200000000,
  SearchGrams1764200000002,
  ProjectMarking1764800000010,
  SandboxPermits1766300000000,
  AcceptanceGovernance1766400000001,
  ApprovalWorkflow1766500000000,
  ApprovalClocks1766600000000,
  ApprovalCommitmentLetter1768300000000,
  ApprovalCommitmentLetterVersions1768400000000,
];
