import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff, regionOf, StaffScopes } from '@hn/auth';
import {
  BackfillSubmitRequestV1,
  BackfillSubmitResultV1,
  BackfillWithdrawRequestV1,
  BackfillWithdrawResultV1,
  duplicatePresaleNumbersError,
  PresaleBackfillEvents,
  PresalePermitBackfilledV1,
  Principal,
} from '@hn/messages';
import { parsePresaleNumber } from '@hn/numbering';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { DataSource, EntityManager } from 'typeorm';
import { PresaleErrors } from '../issuance/presale.exception';
import { TransparencyLogService } from '../transparency-log/transparency-log.service';
import { BackfillRow, backfillOf } from './backfill-rows';
import { BackfillRepository } from './backfill.repository';
import { BackfillErrors } from './backfill.exception';

/** A well-formed Z number (backfill routes never touch Y numbers), else 400 INVALID_PRESALE_NUMBER. */
export function assertZNumber(value: unknown): string {
  const parsed = typeof value === 'string' ? parsePresaleNumber(value) : null;
  if (!parsed || parsed.letter !== 'Z') throw PresaleErrors.invalidNumber(String(value));
  return value as string;
}

/**
 * 撤回 / 提交 of backfilled presale permits. Withdraw retires the caller's own DRAFT (status
 * WITHDRAWN, a WITHDRAWN log entry superseding its ISSUED entry; the number is never reused); submit
 * locks DRAFTs all-or-none and publishes hn.presale.permit.backfilled.v1 for each.
 */
@Injectable()
export class BackfillLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: TransparencyLogService,
    private readonly backfills: BackfillRepository,
  ) {}

  async withdraw(principal: Principal, body: BackfillWithdrawRequestV1 | undefined): Promise<BackfillWithdrawResultV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionWrite });
    // payload rules: BackfillWithdrawRequest, applied by @RpcHandler(Rpc.backfillWithdraw) as the gateway applies it
    const requested = body?.presaleNumber;
    const named = requested === undefined ? undefined : assertZNumber(requested);
    if (named) assertRegionAllowed(principal, regionOf(named), { what: `预售许可证 ${named}`, field: 'presaleNumber' });
    return this.dataSource.transaction(async (manager) => {
      const row = named ? await this.namedDraft(manager, principal, named) : await this.lastDraft(manager, principal);
      assertRegionAllowed(principal, row.region_code, {
        what: `预售许可证 ${row.presale_number}`,
        field: 'presaleNumber',
      });
      const loggedAt = new Date().toISOString();
      const index = await this.log.reserveIndex(manager, false);
      await this.log.append(manager, false, index, {
        kind: 'WITHDRAWN',
        presaleNumber: row.presale_number,
        issueDate: row.record.issueDate,
        recordDigest: row.record_digest,
        loggedAt,
        supersedesIndex: Number(row.log_index),
      });
      await this.backfills.withdraw(manager, row.presale_number, loggedAt);
      return { presaleNumber: row.presale_number, status: 'WITHDRAWN' as const };
    });
  }

  async submit(principal: Principal, body: BackfillSubmitRequestV1): Promise<BackfillSubmitResultV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionWrite });
    // payload rules: BackfillSubmitRequest (400 VALIDATION_FAILED as at the gateway, applied by
    // @RpcHandler(Rpc.backfillSubmit)), then Z numbers and no number twice, in the gateway's order
    const numbers = body.presaleNumbers;
    numbers.forEach(assertZNumber);
    const duplicate = duplicatePresaleNumbersError(numbers);
    if (duplicate) throw PresaleErrors.incomplete([duplicate]);
    numbers.forEach((n, i) =>
      assertRegionAllowed(principal, regionOf(n), { what: `预售许可证 ${n}`, field: `presaleNumbers[${i}]` }),
    );
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.backfills.load(manager, numbers, true);
      const byNumber = new Map(rows.map((r) => [r.presale_number, r]));
      for (const n of numbers) {
        const row = byNumber.get(n);
        if (!row) throw BackfillErrors.notFound(n);
        assertRegionAllowed(principal, row.region_code, {
          what: `预售许可证 ${n}`,
          field: `presaleNumbers[${numbers.indexOf(n)}]`,
        });
        if (row.status === 'WITHDRAWN') throw BackfillErrors.withdrawn(n);
        if (row.state !== 'DRAFT') throw BackfillErrors.locked(n);
      }
      await this.backfills.submit(manager, numbers, principal.id);
      const items = numbers.map((n) => backfillOf({ ...byNumber.get(n)!, state: 'SUBMITTED' }));
      for (const item of items) {
        await enqueueEvent<PresalePermitBackfilledV1>(manager, {
          source: '/hn/presale',
          type: PresaleBackfillEvents.permitBackfilled,
          subject: item.permit.presaleNumber,
          data: { permit: item.permit, backfilledBy: item.backfilledBy },
          correlationId: currentCorrelationId(),
        });
      }
      return { items };
    });
  }

  private async namedDraft(manager: EntityManager, principal: Principal, presaleNumber: string): Promise<BackfillRow> {
    const [row] = await this.backfills.load(manager, [presaleNumber], true);
    if (!row) throw BackfillErrors.notFound(presaleNumber);
    if (row.status === 'WITHDRAWN') throw BackfillErrors.withdrawn(presaleNumber);
    if (row.state !== 'DRAFT') throw BackfillErrors.locked(presaleNumber);
    if (row.backfilled_by !== principal.id) throw BackfillErrors.notOwn(presaleNumber, row.backfilled_by);
    return row;
  }

  /** The caller's most recent DRAFT that is not withdrawn (404 NOTHING_TO_WITHDRAW when none). */
  private async lastDraft(manager: EntityManager, principal: Principal): Promise<BackfillRow> {
    const last = await this.backfills.lastDraftNumber(manager, principal.id);
    if (last === undefined) throw BackfillErrors.nothingToWithdraw();
    const [row] = await this.backfills.load(manager, [last], true);
    if (!row || row.status === 'WITHDRAWN' || row.state !== 'DRAFT') throw BackfillErrors.nothingToWithdraw();
    return row;
  }
}
