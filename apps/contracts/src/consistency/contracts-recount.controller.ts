import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { authorizeRecount } from '@hn/auth';
import {
  recountBucketsReply,
  recountOfBucketsReply,
  ReportedSigningStatisticsPageV1,
  SIGNING_STATISTICS_PAGE,
  signingStatisticsCursor,
  ReportedSigningStatisticsV1,
  Rpc,
  RpcPayload,
  SourceRecountBucketsV1,
  SourceRecountV1,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { regionCodesCountedUnder } from '@hn/numbering';
import { CONTRACTS_CONFIG, ContractsConfig } from '../config/contracts.config';
import { ContractsRecountRepository } from './contracts-recount.repository';

/** 从源头纠正: the contracts service's own per-project counts for the statistics' consistency check. */
@Controller()
export class ContractsRecountController {
  constructor(
    private readonly repo: ContractsRecountRepository,
    @Inject(CONTRACTS_CONFIG) private readonly config: ContractsConfig,
  ) {}

  @RpcHandler(Rpc.contractsRecount)
  async recount(@Payload() req: RpcPayload<typeof Rpc.contractsRecount>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return { source: 'contracts', regionCode: q.regionCode, asOf: q.asOf, figures };
  }

  /** Step 1 at any scale: the per-bucket fingerprints of the same recount (consistency-buckets.ts). */
  @RpcHandler(Rpc.contractsRecountBuckets)
  async buckets(@Payload() req: RpcPayload<typeof Rpc.contractsRecountBuckets>): Promise<SourceRecountBucketsV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return recountBucketsReply('contracts', q, figures);
  }

  /** Step 2: the per-project counts of the requested buckets only. */
  @RpcHandler(Rpc.contractsRecountOfBuckets)
  async recountOfBuckets(@Payload() req: RpcPayload<typeof Rpc.contractsRecountOfBuckets>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return recountOfBucketsReply('contracts', q, figures, req.body.buckets);
  }

  /** The same 网签统计 a page at a time (SIGNING_STATISTICS_PAGE rows), every reply small at province scale. */
  @RpcHandler(Rpc.contractsSigningStatisticsPage)
  async reportedPage(
    @Payload() req: RpcPayload<typeof Rpc.contractsSigningStatisticsPage>,
  ): Promise<ReportedSigningStatisticsPageV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const rows = await this.repo.reportedStatisticsPage(
      regionCodesCountedUnder(q.regionCode),
      q.asOf,
      this.config.cutoverDate.slice(0, 7),
      req.body.after ?? null,
      SIGNING_STATISTICS_PAGE + 1,
    );
    const statistics = rows.slice(0, SIGNING_STATISTICS_PAGE);
    const next =
      rows.length > SIGNING_STATISTICS_PAGE ? signingStatisticsCursor(statistics[statistics.length - 1]!) : null;
    return { regionCode: q.regionCode, asOf: q.asOf, statistics, next };
  }

  /** 网签统计 the counties submitted (months since the cut-over), compared by the alerts service with the issued filings. */
  @RpcHandler(Rpc.contractsSigningStatisticsReported)
  async reported(
    @Payload() req: RpcPayload<typeof Rpc.contractsSigningStatisticsReported>,
  ): Promise<ReportedSigningStatisticsV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const statistics = await this.repo.reportedStatistics(
      regionCodesCountedUnder(q.regionCode),
      q.asOf,
      this.config.cutoverDate.slice(0, 7),
    );
    return { regionCode: q.regionCode, asOf: q.asOf, statistics };
  }
}
