import {
  CloudEvent,
  ContractEventFiling,
  ContractFilingCancelledEvent,
  ContractFilingFiledEvent,
  ContractsEvents,
  EscrowEventRecord,
  EscrowEvents,
  EscrowRecordCorrectedEvent,
  EscrowRecordedEvent,
  PermitRegisteredEvent,
  PermitsEvents,
  PermitUpdatedEvent,
  PresaleBackfillEvents,
  PresaleEventPermit,
  PresaleEvents,
  PresalePermitBackfilledEvent,
  PresalePermitCorrectedEvent,
  PresalePermitIssuedEvent,
  ProjectTypedEvent,
} from '@hn/messages';
import { validEventData } from '@hn/eventing';
import { parsePresaleNumber } from '@hn/numbering';
import { FactVersions, noFacts, PresaleVersion } from '../figures/fact-versions';
import { Versioned } from '../figures/timeline';

/** The payload class of each event type the statistics read; other types state no facts. */
const EVENT_CLASSES = {
  [PermitsEvents.permitRegistered]: PermitRegisteredEvent,
  [PermitsEvents.permitUpdated]: PermitUpdatedEvent,
  [PermitsEvents.projectTyped]: ProjectTypedEvent,
  [PresaleEvents.permitIssued]: PresalePermitIssuedEvent,
  [PresaleBackfillEvents.permitBackfilled]: PresalePermitBackfilledEvent,
  [PresaleBackfillEvents.permitCorrected]: PresalePermitCorrectedEvent,
  [EscrowEvents.recordRecorded]: EscrowRecordedEvent,
  [EscrowEvents.recordCorrected]: EscrowRecordCorrectedEvent,
  [ContractsEvents.filingFiled]: ContractFilingFiledEvent,
  [ContractsEvents.filingCancelled]: ContractFilingCancelledEvent,
} as const;

/** m² → hundredths, exact for two decimals */
const hundredths = (m2: number): number => Math.round(m2 * 100);

/**
 * Events → versions of the records the statistics count. Each payload is validated whole with its
 * message class of @hn/messages first (validEventData): an invalid one is skipped — null, one warning
 * naming the event type, its id and every failing field — never half-counted. Sandbox records state
 * no facts. What follows is only the mapping of the validated payload to the facts.
 */
export async function parseStatisticsEvent(
  event: CloudEvent<unknown>,
  logger: { warn(message: string): void },
): Promise<FactVersions | null> {
  const type = event.type as keyof typeof EVENT_CLASSES;
  if (!Object.prototype.hasOwnProperty.call(EVENT_CLASSES, type)) return noFacts();
  // the envelope's time orders the versions: the consumer checks id and type, not time
  if (typeof event.time !== 'string' || Number.isNaN(Date.parse(event.time))) {
    logger.warn(`skipped invalid ${event.type} event ${event.id}: time`);
    return null;
  }
  const d = await validEventData<object>(EVENT_CLASSES[type], event, logger);
  if (!d) return null;
  const v: Versioned = { at: new Date(event.time).toISOString(), event: event.id };
  if (d instanceof PermitRegisteredEvent) return permitFacts(v, d);
  if (d instanceof ProjectTypedEvent) {
    const facts = noFacts();
    const { projectCode, projectName, regionCode, projectType } = d;
    facts.projects.push({ ...v, projectCode, projectName, regionCode, projectType });
    return facts;
  }
  if (d instanceof PresalePermitIssuedEvent || d instanceof PresalePermitBackfilledEvent)
    return presaleFacts(v, d.permit, null);
  if (d instanceof PresalePermitCorrectedEvent) return presaleFacts(v, d.after, d.recordKey);
  if (d instanceof EscrowRecordedEvent) return escrowFacts(v, d.record);
  if (d instanceof EscrowRecordCorrectedEvent) return escrowFacts(v, d.after);
  if (d instanceof ContractFilingFiledEvent || d instanceof ContractFilingCancelledEvent)
    return filingFacts(v, d.filing);
  return noFacts();
}

function permitFacts(v: Versioned, d: PermitRegisteredEvent): FactVersions {
  const { permit: p, units } = d;
  const facts = noFacts();
  if (p.sandbox === true) return facts;
  facts.permits.push({
    ...v,
    permitNumber: p.permitNumber,
    projectCode: p.projectCode,
    projectName: p.projectName,
    regionCode: p.regionCode,
    issueDate: p.issueDate,
    floorArea: units.reduce((sum, u) => sum + hundredths(u.floorArea), 0),
    category: p.category,
    status: p.status,
  });
  facts.projects.push({
    ...v,
    projectCode: p.projectCode,
    projectName: p.projectName,
    regionCode: p.regionCode,
    projectType: p.projectType,
  });
  return facts;
}

/** A presale permit; a correction under another number also states the previous one superseded. */
function presaleFacts(v: Versioned, p: PresaleEventPermit, previousNumber: string | null): FactVersions {
  const facts = noFacts();
  if (p.sandbox) return facts;
  // the class checked the number: it parses
  const letter = parsePresaleNumber(p.presaleNumber)!.letter;
  const version: PresaleVersion = {
    ...v,
    presaleNumber: p.presaleNumber,
    letter,
    projectCode: p.projectCode,
    projectName: p.projectName,
    regionCode: p.regionCode,
    issueDate: p.issueDate,
    presaleArea: hundredths(p.presaleArea),
    unitCount: p.unitCount,
    fundSupervision: letter === 'Y' ? p.fundSupervision !== null : null,
    superseded: false,
  };
  facts.presales.push(version);
  // a correction under another number replaces the previous one (it no longer counts)
  if (previousNumber && previousNumber !== version.presaleNumber && parsePresaleNumber(previousNumber))
    facts.presales.push({ ...version, presaleNumber: previousNumber, superseded: true });
  return facts;
}

function escrowFacts(v: Versioned, r: EscrowEventRecord): FactVersions {
  const facts = noFacts();
  facts.escrows.push({
    ...v,
    presaleNumber: r.presaleNumber,
    regionCode: r.regionCode,
    state: r.state,
    capitalGuaranteeFen: r.capitalGuaranteeAmount,
    commitmentLetter: r.commitmentLetter,
    fundSupervision: r.fundSupervision,
    balanceFen: r.balance,
    balanceAsOf: r.balanceAsOf,
  });
  return facts;
}

/** A filing; a cancelled one's cancellation month is that of its cancellation, when the filing names one. */
function filingFacts(v: Versioned, f: ContractEventFiling): FactVersions {
  const facts = noFacts();
  if (f.sandbox) return facts;
  const cancelledAt = f.status === 'CANCELLED' ? (f.cancellation?.cancelledAt ?? null) : null;
  facts.filings.push({
    ...v,
    contractNumber: f.contractNumber,
    presaleNumber: f.presaleNumber,
    projectCode: f.projectCode,
    regionCode: f.regionCode,
    filingDate: f.filingDate,
    floorArea: f.rooms.reduce((sum, r) => sum + hundredths(r.floorArea), 0),
    amountFen: f.contractAmount,
    paymentMethod: f.payment.method,
    status: f.status,
    cancelledAt: cancelledAt === null ? null : new Date(cancelledAt).toISOString(),
  });
  return facts;
}
