import { presaleWithoutPermit, UnpermittedFacts } from './presale-without-permit.rule';

const u: UnpermittedFacts = {
  id: '0b7c1c64-3d44-4b83-9a7e-000000000001',
  projectName: '攸县滨江花园一期',
  regionCode: '430223',
  developerName: '攸县滨江置业有限公司',
  localCertificateNumber: '攸住建预字〔2023〕第021号',
  registeredAt: new Date('2026-11-20T02:00:00Z'),
  linkedPermitNumber: null,
};

describe(presaleWithoutPermit.name, () => {
  it('raises every registered project from its registration', () => {
    expect(presaleWithoutPermit(u)).toMatchObject({
      type: 'PRESALE_WITHOUT_PERMIT',
      subjectKey: u.id,
      regionCode: '430223',
      raisedAt: u.registeredAt,
      facts: { localCertificateNumber: u.localCertificateNumber },
    });
  });

  it('clears once linked to a construction permit', () => {
    expect(presaleWithoutPermit({ ...u, linkedPermitNumber: '430223202406200101' })).toBeNull();
  });
});
