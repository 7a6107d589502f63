import { Inject, Injectable } from '@nestjs/common';
import {
  Principal,
  ReconciliationEvents,
  SigningStatisticPutRequestV1,
  SigningStatisticPutResultV1,
  SigningStatisticReportedV1,
  SigningStatisticSubmitRequestV1,
  SigningStatisticSubmitResultV1,
  SigningStatisticWithdrawRequestV1,
  SigningStatisticWithdrawResultV1,
} from '@hn/messages';
import { assertRegionAllowed, assertStaff, regionOf } from '@hn/auth';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { DataSource, EntityManager } from 'typeorm';
import { CONTRACTS_CONFIG, ContractsConfig } from '../config/contracts.config';
import { StatisticErrors } from './signing-statistic.exception';
import { rowToStatistic } from './signing-statistic-row';
import { SigningStatisticsRepository } from './signing-statistics.repository';
import { checkStatisticPut, statisticKind } from './signing-statistic.validator';
import { currentMonthInChina } from './statistic-months';

/**
 * 网签统计补录: per presale permit and month, versioned DRAFTs entered by staff, 撤回 (undo the
 * caller's last version) and 提交 (lock + hn.contracts.statistics.reported.v1). Every change is one
 * transaction under a per-record advisory lock; versions are kept and never renumbered.
 */
@Injectable()
export class SigningStatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statistics: SigningStatisticsRepository,
    @Inject(CONTRACTS_CONFIG) private readonly config: ContractsConfig,
  ) {}

  async put(principal: Principal, body: SigningStatisticPutRequestV1): Promise<SigningStatisticPutResultV1> {
    assertStaff(principal);
    const { value, errors } = checkStatisticPut(body, currentMonthInChina());
    if (!value) throw StatisticErrors.incomplete(errors);
    assertRegionAllowed(principal, regionOf(value.presaleNumber), {
      what: `预售许可证 ${value.presaleNumber}`,
      field: 'presaleNumber',
    });
    return this.dataSource.transaction(async (m) => {
      const presale = await this.loadPresale(m, principal, value.presaleNumber);
      if (value.month < presale.issue_month) {
        throw StatisticErrors.incomplete([
          {
            field: 'month',
            reason: `月份早于预售许可证发证月份 ${presale.issue_month} (before the presale permit's issue month)`,
          },
        ]);
      }
      await this.statistics.lock(m, value.presaleNumber, [value.month]);
      const current = await this.statistics.findOne(m, value.presaleNumber, value.month);
      if (current?.state === 'SUBMITTED') throw StatisticErrors.locked(value.presaleNumber, [value.month]);
      const area = (value.floorAreaHundredths / 100).toFixed(2);
      if (
        current &&
        current.contracts_signed === value.contractsSigned &&
        current.floor_area === area &&
        Number(current.amount_fen) === value.amountFen
      ) {
        return { statistic: rowToStatistic(current), outcome: 'unchanged' };
      }
      const kind = statisticKind(value.month, this.config.cutoverDate);
      const entry = {
        presaleNumber: value.presaleNumber,
        month: value.month,
        kind,
        contractsSigned: value.contractsSigned,
        floorArea: area,
        amountFen: value.amountFen,
        enteredBy: principal.id,
      };
      const version = await this.statistics.insertVersion(m, entry);
      await this.statistics.upsertCurrent(m, entry, presale.region_code, version);
      const stored = await this.statistics.findOne(m, value.presaleNumber, value.month);
      return { statistic: rowToStatistic(stored!), outcome: current ? 'updated' : 'created' };
    });
  }

  /** 撤回: the previous live version becomes current again, or the record goes when there is none. */
  async withdraw(
    principal: Principal,
    body: SigningStatisticWithdrawRequestV1,
  ): Promise<SigningStatisticWithdrawResultV1> {
    assertStaff(principal);
    // validated with SigningStatisticWithdrawal by @RpcHandler(Rpc.statisticWithdraw)
    const { presaleNumber, month } = body;
    this.assertRegionOfNumber(principal, presaleNumber);
    return this.dataSource.transaction(async (m) => {
      await this.statistics.lock(m, presaleNumber, [month]);
      const current = await this.statistics.findOne(m, presaleNumber, month);
      if (!current) throw StatisticErrors.notFound(presaleNumber, [month]);
      assertRegionAllowed(principal, current.region_code, {
        what: `预售许可证 ${presaleNumber}`,
        field: 'presaleNumber',
      });
      if (current.state === 'SUBMITTED') throw StatisticErrors.locked(presaleNumber, [month]);
      if (current.entered_by !== principal.id) throw StatisticErrors.notOwnVersion(current.entered_by);
      await this.statistics.markVersionWithdrawn(m, presaleNumber, month, current.version, principal.id);
      if (!(await this.statistics.restorePreviousVersion(m, presaleNumber, month, current.version))) {
        await this.statistics.deleteCurrent(m, presaleNumber, month);
        return { presaleNumber, month, withdrawnVersion: current.version, outcome: 'REMOVED', statistic: null };
      }
      const statistic = rowToStatistic((await this.statistics.findOne(m, presaleNumber, month))!);
      return { presaleNumber, month, withdrawnVersion: current.version, outcome: 'RESTORED', statistic };
    });
  }

  /** 提交: every listed month must be a DRAFT; all are locked together and reported, or none. */
  async submit(principal: Principal, body: SigningStatisticSubmitRequestV1): Promise<SigningStatisticSubmitResultV1> {
    assertStaff(principal);
    // validated with SigningStatisticSubmission by @RpcHandler(Rpc.statisticSubmit)
    const presaleNumber = body.presaleNumber;
    this.assertRegionOfNumber(principal, presaleNumber);
    const months = [...body.months].sort();
    return this.dataSource.transaction(async (m) => {
      await this.statistics.lock(m, presaleNumber, months);
      const rows = await this.statistics.findMonths(m, presaleNumber, months);
      const missing = months.filter((month) => !rows.some((r) => r.month === month));
      if (missing.length > 0) throw StatisticErrors.notFound(presaleNumber, missing);
      for (const row of rows)
        assertRegionAllowed(principal, row.region_code, {
          what: `预售许可证 ${presaleNumber}`,
          field: 'presaleNumber',
        });
      const locked = rows.filter((r) => r.state === 'SUBMITTED').map((r) => r.month);
      if (locked.length > 0) throw StatisticErrors.locked(presaleNumber, locked);
      await this.statistics.markSubmitted(m, presaleNumber, months, principal.id);
      const submitted = await this.statistics.findMonthsOrdered(m, presaleNumber, months);
      const statistics = submitted.map(rowToStatistic);
      for (const statistic of statistics) {
        await enqueueEvent<SigningStatisticReportedV1>(m, {
          source: '/hn/contracts',
          type: ReconciliationEvents.statisticsReported,
          subject: presaleNumber,
          data: { statistic },
          correlationId: currentCorrelationId(),
        });
      }
      return { statistics };
    });
  }

  /** Region scope on the request (again on the stored record once loaded). */
  private assertRegionOfNumber(principal: Principal, presaleNumber: string): void {
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
  }

  private async loadPresale(
    m: EntityManager,
    principal: Principal,
    presaleNumber: string,
  ): Promise<{ region_code: string; issue_month: string }> {
    const rows = await this.statistics.findPresale(m, presaleNumber);
    if (!rows[0]) throw StatisticErrors.presaleNotFound(presaleNumber);
    assertRegionAllowed(principal, rows[0].region_code, {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    return rows[0];
  }
}
