import { Inject, Injectable } from '@nestjs/common';
import {
  ContractFilingIssuedV1,
  ContractFilingIssueRequestV1,
  ContractsEvents,
  FieldError,
  filingDateReason,
  Principal,
} from '@hn/messages';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { canonicalJson } from '@hn/chain';
import { chinaToday } from '@hn/numbering';
import { currentCorrelationId } from '@hn/observability';
import { buildCloudEvent } from '@hn/eventing';
import { QueryFailedError } from 'typeorm';
import { CONTRACTS_CONFIG, ContractsConfig } from '../config/contracts.config';
import { BuyerPiiService } from '../pii/buyer-pii.service';
import { SandboxPresaleLookup } from '../presale-replica/sandbox-presale-lookup';
import {
  buildFilingDraft,
  canReadPii,
  FilingDraft,
  maskFiling,
  revealFiling,
  SubmittedFiling,
} from './contract-filing-record';
import { ContractErrors } from './contract-filing.exception';
import { ContractFilingMetrics } from './contract-filing.metrics';
import { filingStatement } from './filing-statement';
import { FilingRepository, LookupRow, PresaleRow, TakenRoom } from './filing.repository';

const FILABLE_PRESALE_STATUSES = ['VALID', 'CORRECTED'];
const ROOM_INDEX = 'contract_room_active_uq';
const IDEMPOTENCY_PK = 'idempotency_key_pkey';

/**
 * 取号: files a contract and issues its unified number <presale>-B<NNNN> in two round trips:
 * (1) stored idempotency key + presale permit on the local replica + rooms taken, then — after
 * validation — (2) ONE statement (its own transaction) for the key's advisory lock + serial +
 * filing + rooms + encrypted buyers + stored response + outbox event (filing-statement.ts). A rejected or failed request consumes no serial.
 */
@Injectable()
export class ContractFilingIssuanceService {
  constructor(
    private readonly filings: FilingRepository,
    private readonly pii: BuyerPiiService,
    private readonly sandboxPresale: SandboxPresaleLookup,
    @Inject(CONTRACTS_CONFIG) private readonly config: ContractsConfig,
    private readonly metrics: ContractFilingMetrics,
  ) {}

  /**
   * `request` has been validated with ContractFilingIssueRequest by `@RpcHandler(Rpc.contractFilingIssue)`
   * (the key, and the submission with the class the gateway validates the HTTP body with); what is left
   * here needs configuration or data: the cut-over date, the presale permit, the rooms.
   */
  async issue(principal: Principal, request: ContractFilingIssueRequestV1): Promise<ContractFilingIssuedV1> {
    const key = request.idempotencyKey;
    const submission = request.submission;
    const requestHash = this.pii.requestDigest(canonicalJson(submission));
    const sandbox = principal.sandbox === true;
    const errors = this.cutoverErrors(submission.filingDate);
    const draft =
      errors.length === 0 ? buildFilingDraft({ sandbox, filedAt: new Date().toISOString(), submission }) : null;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(principal, key, requestHash, errors, draft);
      } catch (err) {
        // The key was committed by a request that released its lock after the filing statement's
        // snapshot: nothing was written; the next attempt's lookup sees the key and replays it.
        if (isUniqueViolation(err, IDEMPOTENCY_PK) && attempt < 3) continue;
        if (isUniqueViolation(err, IDEMPOTENCY_PK)) throw ContractErrors.keyInFlight();
        if (isUniqueViolation(err, ROOM_INDEX))
          throw ContractErrors.roomAlreadyFiled(await this.takenRooms(sandbox, submission));
        throw err;
      }
    }
  }

  /** 切换日: filings dated before the configured cut-over are reported as statistics, not filed. */
  private cutoverErrors(filingDate: string): FieldError[] {
    const reason = filingDateReason(filingDate, { today: chinaToday(), cutoverDate: this.config.cutoverDate });
    return reason ? [{ field: 'filingDate', reason }] : [];
  }

  /** Two round trips, each its own transaction: the lookup, then (valid, new) the filing statement. */
  private async attempt(
    principal: Principal,
    key: string,
    requestHash: string,
    errors: FieldError[],
    draft: SubmittedFiling | null,
  ): Promise<ContractFilingIssuedV1> {
    const found = await this.filings.lookup(
      principal.id,
      key,
      draft && {
        presaleNumber: draft.presaleNumber,
        sandbox: draft.sandbox,
        building: draft.building,
        roomNumbers: draft.rooms.map((r) => r.roomNumber),
      },
    );
    // 1. a stored key: the stored (masked) response for the same body, 422 for another body.
    //    Stored responses never change, so this needs no lock.
    if (found.stored) {
      if (found.stored.request_hash !== requestHash) throw ContractErrors.keyReused();
      return this.forCaller(principal, found.stored.response);
    }
    // 2. the submission, 3. the presale permit on the replica and the rooms
    if (errors.length > 0 || !draft) throw ContractErrors.incomplete(errors);
    // region scope: once on the request here, once on the presale permit's record in checkPresale
    assertRegionAllowed(principal, regionOf(draft.presaleNumber), {
      what: `预售许可证 ${draft.presaleNumber}`,
      field: 'presaleNumber',
    });
    // sandbox (联调测试): the sandbox's own presale numbers, from the presale service (never the replica)
    const presaleRow = draft.sandbox ? await this.sandboxPresaleRow(principal, draft, found) : found.presale;
    const presale = checkPresale(principal, draft, presaleRow);
    const complete: FilingDraft = { ...draft, regionCode: presale.region_code, projectCode: presale.project_code };
    const masked = maskFiling(complete);
    // data.filing (ContractFilingFiledV1, masked) and subject get the assigned number inside the statement.
    const event = draft.sandbox
      ? null
      : buildCloudEvent({
          source: '/hn/contracts',
          type: ContractsEvents.filingFiled,
          subject: '',
          data: { filing: null },
        });
    const { sql, params } = filingStatement({
      sandbox: draft.sandbox,
      clientId: principal.id,
      idempotencyKey: key,
      requestHash,
      maskedDraft: masked,
      buyers: this.pii.seal(complete.buyers),
      event,
      correlationId: currentCorrelationId(),
      lockKey: lockKey(principal.id, key),
    });
    // 4. key lock (another request with this key in flight → 409), serial, filing, key, event: one statement
    const row = await this.filings.file({ sql, params });
    if (!row?.locked) throw ContractErrors.keyInFlight();
    if (row.serial === null || row.contractNumber === null)
      throw ContractErrors.serialExhausted(complete.presaleNumber);
    const { serial, contractNumber } = row;
    this.metrics.filingIssued(draft.sandbox);
    const filing = revealFiling({ ...masked, contractNumber, serial }, canReadPii(principal) ? complete.buyers : null);
    return { contractNumber, sandbox: draft.sandbox, filing };
  }

  /** The sandbox presale permit (null when the sandbox never issued it) with the sandbox rooms taken. */
  private async sandboxPresaleRow(
    principal: Principal,
    draft: SubmittedFiling,
    found: LookupRow,
  ): Promise<PresaleRow | null> {
    const facts = await this.sandboxPresale.find(principal, draft.presaleNumber);
    return facts ? { ...facts, taken: found.taken ?? [] } : null;
  }

  private async forCaller(principal: Principal, stored: ContractFilingIssuedV1): Promise<ContractFilingIssuedV1> {
    if (!canReadPii(principal)) return stored;
    const buyers = await this.pii.reveal(this.filings.poolRunner(), stored.sandbox, stored.contractNumber);
    return { ...stored, filing: revealFiling(stored.filing, buyers) };
  }

  /** After losing a race on the active-room index: who holds the rooms now (for the message). */
  private async takenRooms(sandbox: boolean, s: ContractFilingIssueRequestV1['submission']): Promise<TakenRoom[]> {
    return this.filings.takenRooms(
      sandbox,
      s.presaleNumber,
      s.building.trim(),
      s.rooms.map((r) => r.roomNumber.trim()),
    );
  }
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = (err instanceof QueryFailedError ? err.driverError : err) as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === constraint;
}

function lockKey(clientId: string, key: string): string {
  return `contracts-idem:${clientId}:${key}`;
}

/** Presale permit known, its record in the caller's regions (the request was checked in attempt), valid, covering the building; rooms free. */
function checkPresale(principal: Principal, draft: SubmittedFiling, row: PresaleRow | null | undefined): PresaleRow {
  const presaleNumber = draft.presaleNumber;
  if (!row) throw ContractErrors.presaleNotFound(presaleNumber);
  assertRegionAllowed(principal, row.region_code, { what: `预售许可证 ${presaleNumber}`, field: 'presaleNumber' });
  if (!FILABLE_PRESALE_STATUSES.includes(row.status)) throw ContractErrors.presaleNotValid(presaleNumber, row.status);
  if (row.buildings.length > 0 && !row.buildings.some((b) => b.trim() === draft.building))
    throw ContractErrors.buildingNotInPresale(draft.building, presaleNumber);
  if (draft.filingDate < row.issue_date) {
    throw ContractErrors.incomplete([
      {
        field: 'filingDate',
        reason: `备案日期早于预售许可证发证日期 ${row.issue_date} (before the presale permit's issue date)`,
      },
    ]);
  }
  if (row.taken.length > 0) throw ContractErrors.roomAlreadyFiled(row.taken);
  return row;
}
