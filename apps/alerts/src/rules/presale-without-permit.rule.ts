import { AlertCandidate } from './alert-candidate';

export interface UnpermittedFacts {
  id: string;
  projectName: string;
  regionCode: string;
  developerName: string;
  localCertificateNumber: string;
  registeredAt: Date;
  /** the construction permit staff linked it to, once obtained */
  linkedPermitNumber: string | null;
}

/**
 * 已办预售未办施工许可 (task 2(4)4, 纳入违建项目管理): every registered project, until staff link it
 * to a construction permit on record.
 */
export function presaleWithoutPermit(u: UnpermittedFacts): AlertCandidate | null {
  if (u.linkedPermitNumber) return null;
  return {
    type: 'PRESALE_WITHOUT_PERMIT',
    subjectKey: u.id,
    scope: null,
    regionCode: u.regionCode,
    projectCode: null,
    projectName: u.projectName,
    permitNumber: null,
    presaleNumber: null,
    plannedCompletionDate: null,
    facts: { developerName: u.developerName, localCertificateNumber: u.localCertificateNumber },
    raisedAt: u.registeredAt,
  };
}
