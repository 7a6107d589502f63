import { Injectable, Logger } from '@nestjs/common';
import {
  AcceptanceRecordedEvent,
  CloudEvent,
  EscrowEvents,
  EscrowRecordV1,
  invalidFieldsSummary,
  PermitEventPermit,
  PermitRegisteredEvent,
  PermitsEvents,
  PresaleBackfillEvents,
  PresaleEvents,
  PresalePermitV1,
  ProjectTypedEvent,
  ReconciliationDifferenceEventV1,
  ReconciliationEvents,
  RecordCorrectedV1,
  UnpermittedPresaleRegisteredV1,
  validateEvent,
} from '@hn/messages';
import { parsePresaleNumber } from '@hn/numbering';
import { EntityManager } from 'typeorm';
import { EventVersion, PresaleSnapshot, ReadModelRepository } from './read-model.repository';

/** What an event touched: the subjects whose alerts are evaluated again in the same transaction. */
export interface AffectedKeys {
  permits: Set<string>;
  presales: Set<string>;
  unpermitted: Set<string>;
  differences: Set<string>;
}

export const noKeys = (): AffectedKeys => ({
  permits: new Set(),
  presales: new Set(),
  unpermitted: new Set(),
  differences: new Set(),
});

const REGION = /^\d{6}$/;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Projects the other services' events into the read models (rm_*). Unusable payloads (sandbox, bad
 * shapes) are skipped, never half-applied; permits events are validated whole with their message
 * classes first (a refused one is logged with its failing fields). Returns the subjects to evaluate.
 */
@Injectable()
export class ReadModelProjector {
  private readonly logger = new Logger(ReadModelProjector.name);

  constructor(private readonly repo: ReadModelRepository) {}

  /** event.data as its message class, or null (logged) when it fails validation. */
  private async valid<T extends object>(type: new () => T, event: CloudEvent<unknown>): Promise<T | null> {
    const result = await validateEvent(type, event.data);
    if (result.ok) return result.value;
    this.logger.warn(`skipped invalid ${event.type} event ${event.id}: ${invalidFieldsSummary(result)}`);
    return null;
  }

  async apply(event: CloudEvent<unknown>, m: EntityManager): Promise<AffectedKeys> {
    const keys = noKeys();
    const v: EventVersion = { at: event.time, eventId: event.id };
    switch (event.type) {
      case PermitsEvents.permitRegistered:
      case PermitsEvents.permitUpdated: {
        const d = await this.valid(PermitRegisteredEvent, event);
        if (d) await this.permit(m, d.permit, event.type === PermitsEvents.permitRegistered, v, keys);
        break;
      }
      case PermitsEvents.projectTyped: {
        const d = await this.valid(ProjectTypedEvent, event);
        if (d) await this.projectTyped(m, d, v, keys);
        break;
      }
      case PermitsEvents.acceptanceRecorded: {
        const d = await this.valid(AcceptanceRecordedEvent, event);
        if (d) await this.acceptance(m, d, v, keys);
        break;
      }
      case PresaleEvents.permitIssued:
        await this.presale(m, (event.data as { permit?: PresalePermitV1 } | undefined)?.permit, null, v, keys);
        break;
      case PresaleBackfillEvents.permitBackfilled:
        await this.presale(m, (event.data as { permit?: PresalePermitV1 } | undefined)?.permit, event.time, v, keys);
        break;
      case PresaleBackfillEvents.permitCorrected:
        await this.presaleCorrected(m, event.data as RecordCorrectedV1 | undefined, v, keys);
        break;
      case PresaleBackfillEvents.unpermittedRegistered:
        await this.unpermitted(m, event.data as UnpermittedPresaleRegisteredV1 | undefined, v, keys);
        break;
      case ReconciliationEvents.differenceFound:
      case ReconciliationEvents.differenceAcknowledged:
      case ReconciliationEvents.differenceResolved:
        await this.difference(m, event, v, keys);
        break;
      case EscrowEvents.recordRecorded:
        await this.escrow(m, (event.data as { record?: EscrowRecordV1 } | undefined)?.record, v, keys);
        break;
      case EscrowEvents.recordCorrected:
        await this.escrow(m, (event.data as RecordCorrectedV1 | undefined)?.after as EscrowRecordV1, v, keys);
        break;
      default:
        break;
    }
    return keys;
  }

  private async permit(
    m: EntityManager,
    p: PermitEventPermit,
    registered: boolean,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    if (p.sandbox === true) return;
    await this.repo.upsertPermit(
      m,
      {
        permitNumber: p.permitNumber,
        projectCode: p.projectCode,
        projectName: p.projectName,
        regionCode: p.regionCode,
        plannedCompletionDate: p.plannedCompletionDate,
        fivePartyAcceptanceDate: p.fivePartyAcceptanceDate,
        completionFilingDate: p.completionFilingDate,
        status: p.status,
      },
      v,
    );
    await this.repo.upsertProject(
      m,
      {
        projectCode: p.projectCode,
        projectName: p.projectName,
        regionCode: p.regionCode,
        projectType: p.projectType,
        typedAtRegistration: registered && p.projectType !== null,
      },
      v,
    );
    for (const n of await this.repo.permitsOfProject(m, p.projectCode)) keys.permits.add(n);
  }

  private async projectTyped(
    m: EntityManager,
    d: ProjectTypedEvent,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    await this.repo.upsertProject(
      m,
      {
        projectCode: d.projectCode,
        projectName: d.projectName,
        regionCode: d.regionCode,
        projectType: d.projectType,
        typedAtRegistration: false,
      },
      v,
    );
    for (const n of await this.repo.permitsOfProject(m, d.projectCode)) keys.permits.add(n);
    for (const n of d.permitNumbers) keys.permits.add(n);
  }

  private async acceptance(
    m: EntityManager,
    d: AcceptanceRecordedEvent,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    await this.repo.upsertAcceptance(
      m,
      {
        permitNumber: d.permitNumber,
        fivePartyAcceptanceDate: d.fivePartyAcceptanceDate,
        completionFilingDate: d.completionFilingDate,
        governance: d.source === 'GOVERNANCE',
      },
      v,
    );
    keys.permits.add(d.permitNumber);
  }

  private async presale(
    m: EntityManager,
    p: PresalePermitV1 | undefined,
    backfillSubmittedAt: string | null,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    const snapshot = presaleSnapshot(p, backfillSubmittedAt);
    if (!snapshot) return;
    await this.touchPrevious(m, snapshot.presaleNumber, keys);
    await this.repo.upsertPresale(m, snapshot, v);
    await this.touchPresale(m, snapshot, keys);
  }

  private async presaleCorrected(
    m: EntityManager,
    d: RecordCorrectedV1 | undefined,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    const after = d?.after as { permit?: unknown } | null | undefined;
    const permit = (after && typeof after.permit === 'object' ? after.permit : after) as PresalePermitV1 | undefined;
    const snapshot = presaleSnapshot(permit, null);
    if (!snapshot) return;
    const previous = typeof d?.recordKey === 'string' ? d.recordKey : snapshot.presaleNumber;
    // a corrected Z number keeps the backfill's submit time of the number it replaces
    snapshot.backfillSubmittedAt =
      snapshot.letter === 'Z' ? await this.repo.backfillSubmittedAt(m, previous) : snapshot.backfillSubmittedAt;
    await this.touchPrevious(m, snapshot.presaleNumber, keys);
    await this.touchPrevious(m, previous, keys);
    await this.repo.upsertPresale(m, snapshot, v);
    if (previous !== snapshot.presaleNumber) {
      await this.repo.markPresaleSuperseded(m, previous, v);
      keys.presales.add(previous);
    }
    await this.touchPresale(m, snapshot, keys);
  }

  /** The permits a presale number named before this event: a permit it no longer names is evaluated again. */
  private async touchPrevious(m: EntityManager, presaleNumber: string, keys: AffectedKeys): Promise<void> {
    for (const n of await this.repo.presalePermitNumbers(m, presaleNumber)) keys.permits.add(n);
  }

  private async touchPresale(m: EntityManager, s: PresaleSnapshot, keys: AffectedKeys): Promise<void> {
    keys.presales.add(s.presaleNumber);
    for (const n of s.permitNumbers) keys.permits.add(n);
    for (const n of await this.repo.permitsOfProject(m, s.projectCode)) keys.permits.add(n);
    // a difference's alert shows the presale's project: a presale arriving after its difference updates it
    for (const id of await this.repo.differencesOfPresale(m, s.presaleNumber)) keys.differences.add(id);
  }

  private async unpermitted(
    m: EntityManager,
    d: UnpermittedPresaleRegisteredV1 | undefined,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    const p = d?.project;
    if (!p || typeof p.id !== 'string' || !REGION.test(text(p.regionCode))) return;
    await this.repo.insertUnpermitted(
      m,
      {
        id: p.id,
        projectName: text(p.projectName),
        regionCode: p.regionCode,
        developerName: text(p.developer?.name),
        localCertificateNumber: text(p.localCertificateNumber),
      },
      { at: typeof p.registeredAt === 'string' ? p.registeredAt : v.at, eventId: v.eventId },
    );
    keys.unpermitted.add(p.id);
  }

  private async difference(
    m: EntityManager,
    event: CloudEvent<unknown>,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    const d = (event.data as ReconciliationDifferenceEventV1 | undefined)?.difference;
    if (!d || typeof d.id !== 'string' || !REGION.test(text(d.regionCode))) return;
    const state =
      event.type === ReconciliationEvents.differenceResolved
        ? 'RESOLVED'
        : event.type === ReconciliationEvents.differenceAcknowledged
          ? 'ACKNOWLEDGED'
          : 'OPEN';
    await this.repo.upsertDifference(
      m,
      {
        id: d.id,
        presaleNumber: text(d.presaleNumber),
        regionCode: d.regionCode,
        month: text(d.month).slice(0, 7),
        state,
        countDelta: Number.isInteger(d.countDelta) ? d.countDelta : 0,
        areaDelta: Number.isFinite(d.areaDelta) ? d.areaDelta : 0,
        amountDeltaFen: Number.isInteger(d.amountDeltaFen) ? d.amountDeltaFen : 0,
        foundAt: typeof d.foundAt === 'string' ? d.foundAt : v.at,
        closedAt: state === 'OPEN' ? null : v.at,
      },
      v,
    );
    keys.differences.add(d.id);
  }

  private async escrow(
    m: EntityManager,
    r: EscrowRecordV1 | undefined,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    if (!r || typeof r !== 'object' || !parsePresaleNumber(text(r.presaleNumber))) return;
    if (typeof r.fundSupervision !== 'boolean') return;
    await this.repo.upsertEscrow(
      m,
      {
        presaleNumber: r.presaleNumber,
        regionCode: REGION.test(text(r.regionCode)) ? r.regionCode : r.presaleNumber.slice(0, 6),
        fundSupervision: r.fundSupervision,
        state: text(r.state) || 'SUBMITTED',
      },
      v,
    );
    keys.presales.add(r.presaleNumber);
  }
}

function presaleSnapshot(p: PresalePermitV1 | undefined, backfillSubmittedAt: string | null): PresaleSnapshot | null {
  if (!p || typeof p !== 'object' || p.sandbox === true) return null;
  const parsed = parsePresaleNumber(text(p.presaleNumber));
  if (!parsed || !REGION.test(text(p.regionCode))) return null;
  return {
    presaleNumber: p.presaleNumber,
    letter: parsed.letter,
    projectCode: text(p.projectCode),
    projectName: text(p.projectName),
    regionCode: p.regionCode,
    permitNumbers: Array.isArray(p.constructionPermitNumbers)
      ? p.constructionPermitNumbers.filter((n) => typeof n === 'string')
      : [],
    status: text(p.status) || 'VALID',
    backfillSubmittedAt,
  };
}
