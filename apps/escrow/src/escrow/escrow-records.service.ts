import { Injectable } from '@nestjs/common';
import {
  EscrowCommitmentLetterRequestV1,
  escrowInputOf,
  EscrowPutRequestV1,
  EscrowPutResultV1,
  EscrowWithdrawRequestV1,
  EscrowWithdrawResultV1,
  Principal,
} from '@hn/messages';
import { assertRegionAllowed, assertStaff } from '@hn/auth';
import { ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { EscrowErrors } from './escrow.exception';
import { EscrowRepository, PresaleRow } from './escrow.repository';
import { RecordRow, rowToRecord } from './escrow-row';
import { checkAgainstPresale, numberInScope, presaleInScope } from './escrow-record.checks';
import { sameInput } from './escrow-record.validator';

/**
 * 补录预售资金监管信息, the drafts: per backfilled presale permit, versioned DRAFTs entered by staff
 * (with the commitment letter scan) and 撤回 (undo the caller's last version). Submitting is
 * EscrowSubmitService, ADMIN corrections EscrowCorrectionService. Every change is one transaction
 * under a per-permit advisory lock; versions are kept and never renumbered; scans are stored in the
 * same transaction.
 */
@Injectable()
export class EscrowRecordsService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EscrowRepository,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async put(principal: Principal, body: EscrowPutRequestV1): Promise<EscrowPutResultV1> {
    assertStaff(principal);
    // body: EscrowPutRequest, validated by @RpcHandler(Rpc.escrowPut)
    const presaleNumber = numberInScope(principal, body.presaleNumber);
    const input = escrowInputOf(body.record);
    return this.dataSource.transaction(async (m) => {
      await this.repository.lock(m, [presaleNumber]);
      const presale = presaleInScope(principal, presaleNumber, await this.repository.findPresale(m, presaleNumber));
      checkAgainstPresale(input, presale);
      const current = await this.repository.findRecord(m, presaleNumber);
      if (current?.state === 'SUBMITTED') throw EscrowErrors.locked([presaleNumber]);
      if (current && sameInput(rowToRecord(current), input))
        return { outcome: 'unchanged', record: rowToRecord(current) };
      // the letter's scan stays with the record while it says there is a letter
      const scanId = input.commitmentLetter ? (current?.commitment_letter_scan_id ?? null) : null;
      await this.repository.writeVersion(m, presaleNumber, presale.region_code, {
        input,
        commitmentLetterScanId: scanId,
        enteredBy: principal.id,
      });
      return {
        outcome: current ? 'updated' : 'created',
        record: rowToRecord((await this.repository.findRecord(m, presaleNumber))!),
      };
    });
  }

  /** 承诺函扫描件: stored with a new version (commitmentLetter = true) of an unsubmitted record. */
  async commitmentLetter(principal: Principal, body: EscrowCommitmentLetterRequestV1): Promise<EscrowPutResultV1> {
    assertStaff(principal);
    const presaleNumber = numberInScope(principal, body.presaleNumber);
    const check = async (m: EntityManager): Promise<{ presale: PresaleRow; current: RecordRow }> => {
      const presale = presaleInScope(principal, presaleNumber, await this.repository.findPresale(m, presaleNumber));
      const current = await this.repository.findRecord(m, presaleNumber);
      if (!current) throw EscrowErrors.notFound([presaleNumber]);
      if (current.state === 'SUBMITTED') throw EscrowErrors.locked([presaleNumber]);
      return { presale, current };
    };
    // cheap checks first, then the (up to 20 MB) staged bytes, then everything again under the lock
    await check(this.dataSource.manager);
    const bytes = await this.staging.take(body.scan, 'scan');
    return this.dataSource.transaction(async (m) => {
      await this.repository.lock(m, [presaleNumber]);
      const { presale, current } = await check(m);
      const record = rowToRecord(current);
      if (record.commitmentLetter && record.commitmentLetterScan?.sha256 === body.scan.sha256)
        return { outcome: 'unchanged', record };
      const scanId = await this.repository.insertScan(
        m,
        presaleNumber,
        'COMMITMENT_LETTER',
        body.scan,
        bytes,
        principal.id,
      );
      const {
        presaleNumber: _n,
        regionCode: _r,
        projectName: _p,
        state: _s,
        version: _v,
        enteredBy: _e,
        updatedAt: _u,
        commitmentLetterScan: _c,
        ...input
      } = record;
      await this.repository.writeVersion(m, presaleNumber, presale.region_code, {
        input: { ...input, commitmentLetter: true },
        commitmentLetterScanId: scanId,
        enteredBy: principal.id,
      });
      return { outcome: 'updated', record: rowToRecord((await this.repository.findRecord(m, presaleNumber))!) };
    });
  }

  /** 撤回: the previous live version becomes current again, or the record goes when there is none. */
  async withdraw(principal: Principal, body: EscrowWithdrawRequestV1): Promise<EscrowWithdrawResultV1> {
    assertStaff(principal);
    const presaleNumber = numberInScope(principal, body.presaleNumber);
    return this.dataSource.transaction(async (m) => {
      await this.repository.lock(m, [presaleNumber]);
      const current = await this.repository.findRecord(m, presaleNumber);
      if (!current) throw EscrowErrors.nothingToWithdraw(presaleNumber);
      assertRegionAllowed(principal, current.region_code, {
        what: `预售许可证 ${presaleNumber}`,
        field: 'presaleNumber',
      });
      if (current.state === 'SUBMITTED') throw EscrowErrors.locked([presaleNumber]);
      if (current.entered_by !== principal.id) throw EscrowErrors.notOwnVersion(current.entered_by);
      await this.repository.withdrawVersion(m, presaleNumber, current.version, principal.id);
      if (!(await this.repository.restorePreviousVersion(m, presaleNumber, current.version))) {
        await this.repository.deleteRecord(m, presaleNumber);
        return { presaleNumber, withdrawnVersion: current.version, outcome: 'REMOVED', record: null };
      }
      return {
        presaleNumber,
        withdrawnVersion: current.version,
        outcome: 'RESTORED',
        record: rowToRecord((await this.repository.findRecord(m, presaleNumber))!),
      };
    });
  }
}
