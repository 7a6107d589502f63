import { Injectable, Logger } from '@nestjs/common';
import {
  AcceptanceRecordedEvent,
  ApplicationOverdueEndedEvent,
  ApplicationOverdueEvent,
  ApprovalEvents,
  CloudEvent,
  EscrowEventRecord,
  EscrowEvents,
  EscrowRecordCorrectedEvent,
  EscrowRecordedEvent,
  PermitEventPermit,
  PermitRegisteredEvent,
  PermitsEvents,
  PresaleBackfillEvents,
  PresaleEventPermit,
  PresaleEvents,
  PresalePermitBackfilledEvent,
  PresalePermitCorrectedEvent,
  PresalePermitIssuedEvent,
  ProjectTypedEvent,
  ReconciliationDifferenceAcknowledgedEvent,
  ReconciliationDifferenceFoundEvent,
  ReconciliationDifferenceResolvedEvent,
  ReconciliationEventDifference,
  ReconciliationEvents,
  UnpermittedProjectRegisteredEvent,
} from '@hn/messages';
import { validEventData } from '@hn/eventing';
import { parsePresaleNumber } from '@hn/numbering';
import { EntityManager } from 'typeorm';
import { EventVersion, PresaleSnapshot, ReadModelRepository } from './read-model.repository';
import { approvalSubjectKey, ApprovalStageRepository } from './approval-stage.repository';

/** What an event touched: the subjects whose alerts are evaluated again in the same transaction. */
export interface AffectedKeys {
  permits: Set<string>;
  presales: Set<string>;
  unpermitted: Set<string>;
  differences: Set<string>;
  /** approval stages (applicationId/stage) */
  approvals: Set<string>;
}

export const noKeys = (): AffectedKeys => ({
  permits: new Set(),
  presales: new Set(),
  unpermitted: new Set(),
  differences: new Set(),
  approvals: new Set(),
});

/** The payload class of each event type the read models take; other types are not projected. */
const EVENT_CLASSES = {
  [PermitsEvents.permitRegistered]: PermitRegisteredEvent,
  [PermitsEvents.permitUpdated]: PermitRegisteredEvent,
  [PermitsEvents.projectTyped]: ProjectTypedEvent,
  [PermitsEvents.acceptanceRecorded]: AcceptanceRecordedEvent,
  [PresaleEvents.permitIssued]: PresalePermitIssuedEvent,
  [PresaleBackfillEvents.permitBackfilled]: PresalePermitBackfilledEvent,
  [PresaleBackfillEvents.permitCorrected]: PresalePermitCorrectedEvent,
  [PresaleBackfillEvents.unpermittedRegistered]: UnpermittedProjectRegisteredEvent,
  [ReconciliationEvents.differenceFound]: ReconciliationDifferenceFoundEvent,
  [ReconciliationEvents.differenceAcknowledged]: ReconciliationDifferenceAcknowledgedEvent,
  [ReconciliationEvents.differenceResolved]: ReconciliationDifferenceResolvedEvent,
  [EscrowEvents.recordRecorded]: EscrowRecordedEvent,
  [EscrowEvents.recordCorrected]: EscrowRecordCorrectedEvent,
  [ApprovalEvents.applicationOverdue]: ApplicationOverdueEvent,
  [ApprovalEvents.applicationOverdueEnded]: ApplicationOverdueEndedEvent,
} as const;

/**
 * Projects the other services' events into the read models (rm_*). Each payload is validated whole
 * with its message class of @hn/messages first: an invalid one is skipped (logged with its event id
 * and failing fields), never half-applied; sandbox records are skipped silently. Returns the
 * subjects to evaluate.
 */
@Injectable()
export class ReadModelProjector {
  private readonly logger = new Logger(ReadModelProjector.name);

  constructor(
    private readonly repo: ReadModelRepository,
    private readonly approvals: ApprovalStageRepository,
  ) {}

  async apply(event: CloudEvent<unknown>, m: EntityManager): Promise<AffectedKeys> {
    const keys = noKeys();
    const type = event.type as keyof typeof EVENT_CLASSES;
    if (!Object.prototype.hasOwnProperty.call(EVENT_CLASSES, type)) return keys;
    const d = await validEventData<object>(EVENT_CLASSES[type], event, this.logger);
    if (!d) return keys;
    const v: EventVersion = { at: event.time, eventId: event.id };
    if (d instanceof PermitRegisteredEvent)
      await this.permit(m, d.permit, type === PermitsEvents.permitRegistered, v, keys);
    else if (d instanceof ProjectTypedEvent) await this.projectTyped(m, d, v, keys);
    else if (d instanceof AcceptanceRecordedEvent) await this.acceptance(m, d, v, keys);
    else if (d instanceof PresalePermitIssuedEvent) await this.presale(m, d.permit, null, v, keys);
    else if (d instanceof PresalePermitBackfilledEvent) await this.presale(m, d.permit, event.time, v, keys);
    else if (d instanceof PresalePermitCorrectedEvent) await this.presaleCorrected(m, d, v, keys);
    else if (d instanceof UnpermittedProjectRegisteredEvent) await this.unpermitted(m, d, v, keys);
    else if (d instanceof ReconciliationDifferenceFoundEvent) await this.difference(m, type, d.difference, v, keys);
    else if (d instanceof EscrowRecordedEvent) await this.escrow(m, d.record, v, keys);
    else if (d instanceof EscrowRecordCorrectedEvent) await this.escrow(m, d.after, v, keys);
    else if (d instanceof ApplicationOverdueEvent || d instanceof ApplicationOverdueEndedEvent) {
      if (d instanceof ApplicationOverdueEvent) await this.approvals.overdue(m, d);
      else await this.approvals.ended(m, d);
      keys.approvals.add(approvalSubjectKey(d.applicationId, d.stage));
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
    p: PresaleEventPermit,
    backfillSubmittedAt: string | null,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    if (p.sandbox) return;
    const snapshot = presaleSnapshot(p, backfillSubmittedAt);
    await this.touchPrevious(m, snapshot.presaleNumber, keys);
    await this.repo.upsertPresale(m, snapshot, v);
    await this.touchPresale(m, snapshot, keys);
  }

  private async presaleCorrected(
    m: EntityManager,
    d: PresalePermitCorrectedEvent,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    if (d.after.sandbox) return;
    const snapshot = presaleSnapshot(d.after, null);
    const previous = d.recordKey;
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
    d: UnpermittedProjectRegisteredEvent,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    const p = d.project;
    await this.repo.insertUnpermitted(
      m,
      {
        id: p.id,
        projectName: p.projectName,
        regionCode: p.regionCode,
        developerName: p.developer.name,
        localCertificateNumber: p.localCertificateNumber,
      },
      { at: p.registeredAt, eventId: v.eventId },
    );
    keys.unpermitted.add(p.id);
  }

  private async difference(
    m: EntityManager,
    type: string,
    d: ReconciliationEventDifference,
    v: EventVersion,
    keys: AffectedKeys,
  ): Promise<void> {
    const state =
      type === ReconciliationEvents.differenceResolved
        ? 'RESOLVED'
        : type === ReconciliationEvents.differenceAcknowledged
          ? 'ACKNOWLEDGED'
          : 'OPEN';
    await this.repo.upsertDifference(
      m,
      {
        id: d.id,
        presaleNumber: d.presaleNumber,
        regionCode: d.regionCode,
        month: d.month,
        state,
        countDelta: d.countDelta,
        areaDelta: d.areaDelta,
        amountDeltaFen: d.amountDeltaFen,
        foundAt: d.foundAt,
        closedAt: state === 'OPEN' ? null : v.at,
      },
      v,
    );
    keys.differences.add(d.id);
  }

  private async escrow(m: EntityManager, r: EscrowEventRecord, v: EventVersion, keys: AffectedKeys): Promise<void> {
    await this.repo.upsertEscrow(
      m,
      { presaleNumber: r.presaleNumber, regionCode: r.regionCode, fundSupervision: r.fundSupervision, state: r.state },
      v,
    );
    keys.presales.add(r.presaleNumber);
  }
}

/** The read model's row of a validated presale permit (its number parses: the class checked it). */
function presaleSnapshot(p: PresaleEventPermit, backfillSubmittedAt: string | null): PresaleSnapshot {
  return {
    presaleNumber: p.presaleNumber,
    letter: parsePresaleNumber(p.presaleNumber)!.letter,
    projectCode: p.projectCode,
    projectName: p.projectName,
    regionCode: p.regionCode,
    permitNumbers: p.constructionPermitNumbers,
    status: p.status,
    backfillSubmittedAt,
  };
}
