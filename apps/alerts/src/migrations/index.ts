import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { InitialAlerts1766400000000 } from './1766400000000-initial-alerts';
import { StatisticsFacts1767000000000 } from './1767000000000-statistics-facts';
import { ApprovalOverdue1767100000000 } from './1767100000000-approval-overdue';
import { AssessmentAppeals1767200000000 } from './1767200000000-assessment-appeals';
import { StatisticsDigests1767300000000 } from './1767300000000-statistics-digests';
import { DigestAssessment1768200000000 } from './1768200000000-digest-assessment';
import { AppealEvidenceScans1768200000001 } from './1768200000001-appeal-evidence-scans';
import { StatisticsReadCache1768600000000 } from './1768600000000-statistics-read-cache';

export const alertsMigrations = [
  CreateOutboxInbox1700000000000,
  InitialAlerts1766400000000,
  StatisticsFacts1767000000000,
  ApprovalOverdue1767100000000,
  AssessmentAppeals1767200000000,
  StatisticsDigests1767300000000,
  DigestAssessment1768200000000,
  AppealEvidenceScans1768200000001,
  StatisticsReadCache1768600000000,
];
