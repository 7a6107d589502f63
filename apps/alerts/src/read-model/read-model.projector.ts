import { Injectable } from '@nestjs/common';
import {
  AcceptanceRecordedV1,
  CloudEvent,
  ConstructionPermitV1,
  EscrowEvents,
  EscrowRecordV1,
  PermitRegisteredV1,
  PermitsEvents,
  PresaleBackfillEvents,
  PresaleEvents,
  PresalePermitV1,
  ProjectTypedV1,
  ReconciliationDifferenceEventV1,
  ReconciliationEvents,
  RecordCorrectedV1,
  UnpermittedPresaleRegisteredV1,
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
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (v: unknown): string | null => (typeof v === 'string' && DATE.test(v) ? v : null);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Projects the other services' events into the read models (rm_*). Unusable payloads (sandbox, bad
 * shapes) are skipped, never half-applied. Returns the subjects to evaluate.
 */
@Injectable()
export class ReadModelProjector {
  constructor(private readonly repo: ReadModelRepository) {}

  async apply(event: CloudEvent<unknown>, m: EntityManager): Promise<AffectedKeys> {
    const keys = noKeys();
    const v: EventVersion = { at: event.time, eventId: event.id };
    switch (event.type) {
      case PermitsEvents.permitRegistered:
      case PermitsEvents.permitUpdated:
        await this.permit(
          m,
          (event.data as PermitRegisteredV1 | undefined)?.permit,
          event.type === PermitsEvents.permitRegistered,
          v,
          keys,
        );
        break;
      case PermitsEvents.projectTyped:
        await this.projectTyped(m, event.data as ProjectTypedV1 | undefined, v, keys);
        break;
      case PermitsEvents.acceptanceRecorded:
        await this.acceptance(m, event.data as AcceptanceRecordedV1 | undefined, v, keys);
        break;
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
    p: ConstructionPermitV1 | undefined,
    registered: boolean,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    if (!p || p.sandbox === true || !/^\d{18}$/.test(text(p.permitNumber)) || !REGION.test(text(p.regionCode))) return;
    if (!p.projectCode) return;
    await this.repo.upsertPermit(
      m,
      {
        permitNumber: p.permitNumber,
        projectCode: p.projectCode,
        projectName: text(p.projectName),
        regionCode: p.regionCode,
        plannedCompletionDate: date(p.plannedCompletionDate),
        fivePartyAcceptanceDate: date(p.fivePartyAcceptanceDate),
        completionFilingDate: date(p.completionFilingDate),
        status: text(p.status) || 'VALID',
      },
      v,
    );
    await this.repo.upsertProject(
      m,
      {
        projectCode: p.projectCode,
        projectName: text(p.projectName),
        regionCode: p.regionCode,
        projectType: p.projectType ?? null,
        typedAtRegistration: registered && p.projectType !== null && p.projectType !== undefined,
      },
      v,
    );
    for (const n of await this.repo.permitsOfProject(m, p.projectCode)) keys.permits.add(n);
  }

  private async projectTyped(
    m: EntityManager,
    d: ProjectTypedV1 | undefined,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    if (!d || !d.projectCode || !REGION.test(text(d.regionCode))) return;
    await this.repo.upsertProject(
      m,
      {
        projectCode: d.projectCode,
        projectName: text(d.projectName),
        regionCode: d.regionCode,
        projectType: d.projectType ?? null,
        typedAtRegistration: false,
      },
      v,
    );
    for (const n of await this.repo.permitsOfProject(m, d.projectCode)) keys.permits.add(n);
    for (const n of Array.isArray(d.permitNumbers) ? d.permitNumbers : []) keys.permits.add(n);
  }

  private async acceptance(
    m: EntityManager,
    d: AcceptanceRecordedV1 | undefined,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    if (!d || !/^\d{18}$/.test(text(d.permitNumber))) return;
    await this.repo.upsertAcceptance(
      m,
      {
        permitNumber: d.permitNumber,
        fivePartyAcceptanceDate: date(d.fivePartyAcceptanceDate),
        completionFilingDate: date(d.completionFilingDate),
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
