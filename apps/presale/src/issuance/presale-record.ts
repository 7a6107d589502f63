import { PresalePermitV1, PresaleSubmissionV1 } from '@hn/messages';

/** The issued record without the fields derived from it (token, URL); its digest goes into the token. */
export type PresaleRecord = Omit<PresalePermitV1, 'chainToken' | 'verifyUrl' | 'status' | 'issuedAt'>;

export function buildPresaleRecord(args: {
  presaleNumber: string;
  letter: 'Y' | 'Z';
  serial: number;
  sandbox: boolean;
  projectCode: string;
  regionCode: string;
  logIndex: number;
  submission: PresaleSubmissionV1;
}): PresaleRecord {
  const s = args.submission;
  return {
    presaleNumber: args.presaleNumber,
    letter: args.letter,
    serial: args.serial,
    sandbox: args.sandbox,
    projectCode: args.projectCode,
    regionCode: args.regionCode,
    logIndex: args.logIndex,
    constructionPermitNumbers: [...s.constructionPermitNumbers],
    unitCodes: [...s.unitCodes],
    localCertificateNumber: s.localCertificateNumber.trim(),
    issuingAuthority: s.issuingAuthority.trim(),
    issueDate: s.issueDate,
    developer: { name: s.developer.name.trim(), creditCode: s.developer.creditCode },
    projectName: s.projectName.trim(),
    address: s.address.trim(),
    buildings: s.buildings.map((b) => b.trim()),
    presaleArea: s.presaleArea,
    unitCount: s.unitCount,
    plannedUse: s.plannedUse.trim(),
    fundSupervision: s.fundSupervision
      ? { bank: s.fundSupervision.bank.trim(), account: s.fundSupervision.account }
      : null,
    location: { lat: s.location.lat, lng: s.location.lng },
  };
}
