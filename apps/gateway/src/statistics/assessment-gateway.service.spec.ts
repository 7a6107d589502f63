import { AssessmentAppealV1, Principal, Rpc, ScanRefV1 } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { NatsConnection } from 'nats';
import { AssessmentGatewayService } from './assessment-gateway.service';

const county: Principal = {
  kind: 'staff',
  id: 'youxian',
  regions: ['430223'],
  scopes: ['statistics:read', 'supervision:write'],
  role: 'COUNTY',
};
const appeal: AssessmentAppealV1 = {
  id: '6a1f0a52-1f7c-4d8e-9d2a-3b4c5d6e7f80',
  regionCode: '430223',
  regionName: '攸县',
  ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
  itemId: 'P1',
  reason: '已取得预售许可',
  evidence: null,
  evidenceScans: [],
  state: 'PENDING',
  submittedBy: 'youxian',
  submittedAt: '2026-11-30T02:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  opinion: null,
};

describe(AssessmentGatewayService.name, () => {
  it('checks the region before asking the alerts service, and passes asOf only when given', async () => {
    const call = jest.fn().mockResolvedValue({});
    const service = new AssessmentGatewayService({ call } as unknown as RpcClient, {} as NatsConnection);
    expect(() => service.assessment(county, { regionCode: '430224' }, 'cid')).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'REGION_FORBIDDEN' }) }),
    );
    await expect(
      service.submitAppeal(county, { regionCode: '430224', ruleId: 'R', itemId: 'x', reason: 'r' }, null, 'cid'),
    ).rejects.toMatchObject({ problem: { code: 'REGION_FORBIDDEN' } });
    expect(call).not.toHaveBeenCalled();
    await service.assessment(county, { regionCode: '430223' }, 'cid');
    await service.assessment(county, { regionCode: '430223', asOf: '2026-11-30' }, 'cid');
    expect(call.mock.calls.map((c: unknown[]) => [c[0], c[2]])).toEqual([
      [Rpc.statisticsAssessment, { regionCode: '430223' }],
      [Rpc.statisticsAssessment, { regionCode: '430223', asOf: '2026-11-30' }],
    ]);
  });

  it('hands the audit the appeal and the decision (target: the appeal id)', async () => {
    const decided = { ...appeal, state: 'UPHELD' as const, opinion: '属实', decidedBy: 'hn' };
    const call = jest.fn().mockResolvedValueOnce(appeal).mockResolvedValueOnce(decided);
    const service = new AssessmentGatewayService({ call } as unknown as RpcClient, {} as NatsConnection);
    const submitted = await service.submitAppeal(
      county,
      { regionCode: '430223', ruleId: appeal.ruleId, itemId: 'P1', reason: appeal.reason },
      null,
      'cid',
    );
    expect(call.mock.calls[0]![2]).not.toHaveProperty('scans');
    expect(submitted.audit).toEqual({ before: null, after: appeal, target: `appealId=${appeal.id}` });
    const result = await service.decideAppeal(county, appeal.id, { decision: 'UPHELD', opinion: '属实' }, 'cid');
    expect(call.mock.calls[1]![2]).toEqual({ appealId: appeal.id, decision: 'UPHELD', opinion: '属实' });
    expect(result.audit).toEqual({
      before: { state: 'PENDING' },
      after: { state: 'UPHELD', opinion: '属实' },
      target: `appealId=${appeal.id}`,
    });
  });

  it('passes the scan it staged from the upload as the appeal’s only scan', async () => {
    const call = jest.fn().mockResolvedValue(appeal);
    const service = new AssessmentGatewayService({ call } as unknown as RpcClient, {} as NatsConnection);
    const scan: ScanRefV1 = {
      stagingKey: '0f0e0d0c-0b0a-4908-8706-050403020100',
      sha256: 'a'.repeat(64),
      contentType: 'application/pdf',
      size: 10,
      fileName: '证明.pdf',
    };
    await service.submitAppeal(county, { regionCode: '430223', ruleId: 'R', itemId: 'P1', reason: 'r' }, scan, 'cid');
    expect(call.mock.calls[0]![2]).toEqual({
      regionCode: '430223',
      ruleId: 'R',
      itemId: 'P1',
      reason: 'r',
      scans: [scan],
    });
  });
});
