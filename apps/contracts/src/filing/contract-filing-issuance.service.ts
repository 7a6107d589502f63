import { Inject, Injectable } from '@nestjs/common';
import { ContractFilingIssuedV1, ContractFilingIssueRequestV1, ContractsEvents, Principal } from '@hn/contracts';
import { canonicalJson } from '@hn/chain';
import { chinaToday, isInRegions } from '@hn/numbering';
import { currentCorrelationId } from '@hn/observability';
import { buildCloudEvent } from '@hn/persistence';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CONTRACTS_CONFIG, ContractsConfig } from '../config/contracts.config';
import { BuyerPiiService } from '../pii/buyer-pii.service';
import { buildFilingDraft, canReadPii, FilingDraft, maskFiling, revealFiling, SubmittedFiling } from './contract-filing-record';
import { validateContractFilingSubmission } from './contract-filing-submission.validator';
import { ContractErrors } from './contract-filing.exception';
import { filingStatement } from './filing-statement';

interface PresaleRow {
  region_code: string;
  project_code: string;
  buildings: string[];
  issue_date: string;
  status: string;
  taken: Array<{ roomNumber: string; contractNumber: string }>;
}

const FILABLE_PRESALE_STATUSES = ['VALID', 'CORRECTED'];
const ROOM_INDEX = 'contract_room_active_uq';

/**
 * 取号: files a contract and issues its unified number <presale>-B<NNNN> in ONE transaction:
 * idempotency claim (advisory lock), validation, presale permit on the local replica, rooms free,
 * then one statement for serial + filing + rooms + encrypted buyers + stored response + outbox
 * event. A rejected or failed request consumes no serial.
 */
@Injectable()
export class ContractFilingIssuanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: BuyerPiiService,
    @Inject(CONTRACTS_CONFIG) private readonly config: ContractsConfig,
  ) {}

  async issue(principal: Principal, request: ContractFilingIssueRequestV1): Promise<ContractFilingIssuedV1> {
    const key = typeof request?.idempotencyKey === 'string' ? request.idempotencyKey : '';
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(key)) throw ContractErrors.incomplete([{ field: 'Idempotency-Key', reason: '须为 1–128 位字母数字或 ._:- (required header)' }]);
    const submission = request.submission;
    const requestHash = this.pii.requestDigest(canonicalJson(submission ?? null));
    const sandbox = principal.sandbox === true;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const replay = await this.claimKey(manager, principal.id, key, requestHash);
        if (replay) return this.forCaller(manager, principal, replay);
        const errors = validateContractFilingSubmission(submission, { today: chinaToday(), cutoverDate: this.config.cutoverDate });
        if (errors.length > 0) throw ContractErrors.incomplete(errors);
        const draft = buildFilingDraft({ sandbox, filedAt: new Date().toISOString(), submission });
        const presale = await this.checkPresale(manager, principal, draft);
        const complete: FilingDraft = { ...draft, regionCode: presale.region_code, projectCode: presale.project_code };
        const masked = maskFiling(complete);
        // data.filing (ContractFilingFiledV1, masked) and subject get the assigned number inside the statement.
        const event = sandbox ? null : buildCloudEvent({ source: '/hn/contracts', type: ContractsEvents.filingFiled, subject: '', data: { filing: null } });
        const { sql, params } = filingStatement({
          sandbox,
          clientId: principal.id,
          idempotencyKey: key,
          requestHash,
          maskedDraft: masked,
          buyers: this.pii.seal(complete.buyers),
          event,
          correlationId: currentCorrelationId(),
        });
        const rows: Array<{ serial: number; contractNumber: string }> = await manager.query(sql, params);
        if (rows.length === 0) throw ContractErrors.serialExhausted(complete.presaleNumber);
        const { serial, contractNumber } = rows[0]!;
        const filing = revealFiling({ ...masked, contractNumber, serial }, canReadPii(principal) ? complete.buyers : null);
        return { contractNumber, sandbox, filing };
      });
    } catch (err) {
      if (isUniqueViolation(err, ROOM_INDEX)) throw ContractErrors.roomAlreadyFiled(await this.takenRooms(sandbox, submission));
      throw err;
    }
  }

  /**
   * Holds the key for this transaction. Another transaction holding it → 409 (in flight); a stored
   * key → the stored (masked) response for the same body, 422 for another body.
   */
  private async claimKey(manager: EntityManager, clientId: string, key: string, requestHash: string): Promise<ContractFilingIssuedV1 | null> {
    const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 11)) AS locked`, [`contracts-idem:${clientId}:${key}`])) as Array<{ locked: boolean }>;
    if (!lock?.locked) throw ContractErrors.keyInFlight();
    const rows: Array<{ request_hash: string; response: ContractFilingIssuedV1 }> = await manager.query(
      `SELECT request_hash, response FROM idempotency_key WHERE client_id = $1 AND idempotency_key = $2`,
      [clientId, key],
    );
    if (rows.length === 0) return null;
    if (rows[0]!.request_hash !== requestHash) throw ContractErrors.keyReused();
    return rows[0]!.response;
  }

  private async forCaller(manager: EntityManager, principal: Principal, stored: ContractFilingIssuedV1): Promise<ContractFilingIssuedV1> {
    if (!canReadPii(principal)) return stored;
    const buyers = await this.pii.reveal(manager, stored.sandbox, stored.contractNumber);
    return { ...stored, filing: revealFiling(stored.filing, buyers) };
  }

  /** Presale permit known, in the caller's regions, valid, covering the building; rooms free. */
  private async checkPresale(manager: EntityManager, principal: Principal, draft: SubmittedFiling): Promise<PresaleRow> {
    const presaleNumber = draft.presaleNumber;
    if (!isInRegions(principal.regions ?? [], presaleNumber.slice(0, 6))) throw ContractErrors.regionForbidden(presaleNumber);
    const rows: PresaleRow[] = await manager.query(
      `SELECT p.region_code, p.project_code, p.buildings, p.issue_date::text AS issue_date, p.status,
              (SELECT coalesce(json_agg(json_build_object('roomNumber', r.room_number, 'contractNumber', r.contract_number) ORDER BY r.room_number), '[]'::json)
               FROM contract_room r WHERE r.active AND r.sandbox = $2 AND r.presale_number = p.presale_number AND r.building = $3 AND r.room_number = ANY($4::text[])) AS taken
       FROM presale_replica p WHERE p.presale_number = $1`,
      [presaleNumber, draft.sandbox, draft.building, draft.rooms.map((r) => r.roomNumber)],
    );
    const row = rows[0];
    if (!row) throw ContractErrors.presaleNotFound(presaleNumber);
    if (!isInRegions(principal.regions ?? [], row.region_code)) throw ContractErrors.regionForbidden(presaleNumber);
    if (!FILABLE_PRESALE_STATUSES.includes(row.status)) throw ContractErrors.presaleNotValid(presaleNumber, row.status);
    if (row.buildings.length > 0 && !row.buildings.some((b) => b.trim() === draft.building)) throw ContractErrors.buildingNotInPresale(draft.building, presaleNumber);
    if (draft.filingDate < row.issue_date) {
      throw ContractErrors.incomplete([{ field: 'filingDate', reason: `备案日期早于预售许可证发证日期 ${row.issue_date} (before the presale permit's issue date)` }]);
    }
    if (row.taken.length > 0) throw ContractErrors.roomAlreadyFiled(row.taken);
    return row;
  }

  /** After losing a race on the active-room index: who holds the rooms now (for the message). */
  private async takenRooms(sandbox: boolean, s: ContractFilingIssueRequestV1['submission']): Promise<Array<{ roomNumber: string; contractNumber: string }>> {
    return this.dataSource.query(
      `SELECT room_number AS "roomNumber", contract_number AS "contractNumber" FROM contract_room
       WHERE active AND sandbox = $1 AND presale_number = $2 AND building = $3 AND room_number = ANY($4::text[]) ORDER BY room_number`,
      [sandbox, s.presaleNumber, s.building.trim(), s.rooms.map((r) => r.roomNumber.trim())],
    );
  }
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError = err.driverError as { code?: string; constraint?: string };
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

