import { Rpc, RpcRequestContract, RPC_SERVICES, rpcServiceOf, rpcSubjectsOf } from './rpc-map';

/** The published wire names: a contract may be added, never renamed (a new version is a new subject). */
const PUBLISHED = [
  'rpc.alerts.acceptance-backfill.decide.v1',
  'rpc.alerts.acceptance-backfill.list.v1',
  'rpc.alerts.acceptance-backfill.submit.v1',
  'rpc.alerts.alert.dismissal.decide.v1',
  'rpc.alerts.alert.dismissal.request.v1',
  'rpc.alerts.alert.follow-up.v1',
  'rpc.alerts.alert.get.v1',
  'rpc.alerts.alert.link-permit.v1',
  'rpc.alerts.alert.list.v1',
  'rpc.alerts.health.v1',
  'rpc.alerts.statistics.assessment.appeal.decide.v1',
  'rpc.alerts.statistics.assessment.appeal.list.v1',
  'rpc.alerts.statistics.assessment.appeal.scan.v1',
  'rpc.alerts.statistics.assessment.appeal.submit.v1',
  'rpc.alerts.statistics.assessment.v1',
  'rpc.alerts.statistics.consistency.v1',
  'rpc.alerts.statistics.digest.generate.v1',
  'rpc.alerts.statistics.digest.list.v1',
  'rpc.alerts.statistics.monthly.v1',
  'rpc.alerts.statistics.records.v1',
  'rpc.alerts.statistics.summary.v1',
  'rpc.contracts.consistency.buckets.v1',
  'rpc.contracts.consistency.recount.v1',
  'rpc.contracts.consistency.recount.v2',
  'rpc.contracts.consistency.signing-statistics.v1',
  'rpc.contracts.consistency.signing-statistics.v2',
  'rpc.contracts.filing.cancel.v1',
  'rpc.contracts.filing.get.v1',
  'rpc.contracts.filing.issue.v1',
  'rpc.contracts.health.v1',
  'rpc.contracts.reconciliation.acknowledge.v1',
  'rpc.contracts.reconciliation.list.v1',
  'rpc.contracts.reconciliation.run.v1',
  'rpc.contracts.statistics.list.v1',
  'rpc.contracts.statistics.put.v1',
  'rpc.contracts.statistics.submit.v1',
  'rpc.contracts.statistics.withdraw.v1',
  'rpc.escrow.consistency.buckets.v1',
  'rpc.escrow.consistency.recount.v1',
  'rpc.escrow.consistency.recount.v2',
  'rpc.escrow.health.v1',
  'rpc.escrow.record.commitment-letter.v1',
  'rpc.escrow.record.correct.v1',
  'rpc.escrow.record.get.v1',
  'rpc.escrow.record.list.v1',
  'rpc.escrow.record.put.v1',
  'rpc.escrow.record.submit.v1',
  'rpc.escrow.record.versions.v1',
  'rpc.escrow.record.withdraw.v1',
  'rpc.exchange.dead-letter.list.v1',
  'rpc.exchange.dead-letter.requeue.v1',
  'rpc.exchange.delivery.list.v1',
  'rpc.exchange.delivery.redeliver.v1',
  'rpc.exchange.delivery.replay.v1',
  'rpc.exchange.events.pull.v1',
  'rpc.exchange.health.v1',
  'rpc.exchange.manifest.get.v1',
  'rpc.exchange.manifest.pull.v1',
  'rpc.exchange.subscriber.create.v1',
  'rpc.exchange.subscriber.get.v1',
  'rpc.exchange.subscriber.list.v1',
  'rpc.exchange.subscriber.update.v1',
  'rpc.permits.approval.application.applicant-action.v1',
  'rpc.permits.approval.application.applicant-get.v1',
  'rpc.permits.approval.application.commitment-letter.v1',
  'rpc.permits.approval.application.get.v1',
  'rpc.permits.approval.application.list.v1',
  'rpc.permits.approval.application.submit.v1',
  'rpc.permits.approval.application.transition.v1',
  'rpc.permits.approval.project.register.v1',
  'rpc.permits.consistency.buckets.v1',
  'rpc.permits.consistency.recount.v1',
  'rpc.permits.consistency.recount.v2',
  'rpc.permits.health.v1',
  'rpc.permits.marking.batch.v1',
  'rpc.permits.marking.correct.v1',
  'rpc.permits.marking.list.v1',
  'rpc.permits.marking.submit.v1',
  'rpc.permits.marking.withdraw.v1',
  'rpc.permits.permit.e-license.v1',
  'rpc.permits.permit.get.v1',
  'rpc.permits.permit.search.v1',
  'rpc.permits.permit.units.v1',
  'rpc.permits.permit.upsert.v1',
  'rpc.presale.backfill.candidates.v1',
  'rpc.presale.backfill.correct.v1',
  'rpc.presale.backfill.issue.v1',
  'rpc.presale.backfill.list.v1',
  'rpc.presale.backfill.submit.v1',
  'rpc.presale.backfill.withdraw.v1',
  'rpc.presale.consistency.buckets.v1',
  'rpc.presale.consistency.recount.v1',
  'rpc.presale.consistency.recount.v2',
  'rpc.presale.health.v1',
  'rpc.presale.permit.get.v1',
  'rpc.presale.permit.issue.v1',
  'rpc.presale.permit.print-layout.v1',
  'rpc.presale.permit.qr.v1',
  'rpc.presale.public.checkpoint.v1',
  'rpc.presale.public.consistency-proof.v1',
  'rpc.presale.public.inclusion-proof.v1',
  'rpc.presale.public.keys.v1',
  'rpc.presale.public.permit.v1',
  'rpc.presale.public.search.v1',
  'rpc.presale.public.verify.v1',
  'rpc.presale.unpermitted.list.v1',
  'rpc.presale.unpermitted.register.v1',
];

describe('Rpc', () => {
  const defs = Object.values(Rpc);
  const subjects = defs.map((d) => d.subject);

  it('declares every request/reply subject once: each entry has its own subject', () => {
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('keeps the published wire names unchanged', () => {
    expect([...subjects].sort()).toEqual(PUBLISHED);
  });

  it('names each subject rpc.<owning service>.<…>.v<n>, owned by a known service', () => {
    for (const s of subjects) {
      expect(s).toMatch(/^rpc\.[a-z]+(\.[a-z-]+)+\.v\d+$/);
      expect(RPC_SERVICES).toContain(rpcServiceOf(s));
    }
    expect(RPC_SERVICES.flatMap((service) => rpcSubjectsOf(service)).sort()).toEqual([...subjects].sort());
  });

  it('carries a principal on every contract except health and public verification', () => {
    const publicOnes = defs.filter((d) => d.kind === 'public').map((d) => d.subject);
    expect(publicOnes.every((s) => /\.health\.v\d+$/.test(s) || s.startsWith('rpc.presale.public.'))).toBe(true);
    expect(subjects.filter((s) => s.startsWith('rpc.presale.public.') || s.endsWith('.health.v1')).sort()).toEqual(
      [...publicOnes].sort(),
    );
  });

  /** `@RpcHandler` validates every body with its entry's class: a new entry carries one (`rpcDef<Req, Res>(subject, RequestClass)`). */
  it('gives every entry a request class and the problem its refusal is answered with', () => {
    for (const d of defs) {
      const request: RpcRequestContract = d.request;
      expect(typeof request.type).toBe('function');
      expect(request.invalid([{ field: 'x', reason: 'y' }])).toMatchObject({ status: expect.any(Number) });
    }
  });
});
