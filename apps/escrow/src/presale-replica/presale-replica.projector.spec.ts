import { correctedPermit, replicaRow } from './presale-replica.projector';

const permit = {
  presaleNumber: '430223202306150101-Z01',
  regionCode: '430223',
  projectCode: '2023-430223-70-03-000001',
  projectName: '锦绣星城一期',
  developer: { name: '攸县锦绣置业有限公司', creditCode: 'x' },
  issueDate: '2023-06-15',
  status: 'VALID',
  sandbox: false,
};

describe(replicaRow.name, () => {
  it('keeps the fields escrow needs of a backfilled (Z) permit', () => {
    expect(replicaRow(permit)).toEqual({
      presaleNumber: permit.presaleNumber,
      regionCode: '430223',
      projectCode: permit.projectCode,
      projectName: '锦绣星城一期',
      developerName: '攸县锦绣置业有限公司',
      issueDate: '2023-06-15',
      status: 'VALID',
    });
  });

  it('ignores Y permits, sandbox records and malformed payloads', () => {
    expect(replicaRow({ ...permit, presaleNumber: '430223202306150101-Y01' })).toBeNull();
    expect(replicaRow({ ...permit, sandbox: true })).toBeNull();
    expect(replicaRow({ ...permit, regionCode: 43 })).toBeNull();
    expect(replicaRow({ ...permit, issueDate: undefined })).toBeNull();
    expect(replicaRow(null)).toBeNull();
  });

  it('finds the corrected permit in `after`, bare or as a backfill view', () => {
    expect(correctedPermit({ after: permit } as never)).toBe(permit);
    expect(correctedPermit({ after: { permit, backfillState: 'SUBMITTED' } } as never)).toBe(permit);
    expect(correctedPermit({ after: null } as never)).toBeNull();
    expect(correctedPermit(undefined)).toBeNull();
  });
});
