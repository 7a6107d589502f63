import {
  CloudEvent,
  ContractsEvents,
  EscrowEvents,
  PAYMENT_METHODS,
  PaymentMethodV1,
  PermitRegisteredEvent,
  PermitsEvents,
  PresaleBackfillEvents,
  PresaleEvents,
  ProjectTypedEvent,
  validateEvent,
} from '@hn/messages';
import { isIsoDate, parseContractNumber, parsePresaleNumber } from '@hn/numbering';
import { EscrowVersion, FactVersions, FilingVersion, noFacts, PresaleVersion } from '../figures/fact-versions';
import { Versioned } from '../figures/timeline';

/**
 * Events → versions of the records the statistics count. A payload is taken whole or refused whole
 * (the reason returned, the event skipped): sandbox records never count. Permits events are validated
 * with their message classes; the other payloads are checked here field by field for what is read.
 */
export type ParseResult = { ok: true; facts: FactVersions } | { ok: false; reason: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const REGION = /^43\d{4}$/;
const str = (v: unknown): v is string => typeof v === 'string';
const nonNegInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const finiteNonNeg = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** m² → hundredths, exact for two decimals */
const hundredths = (m2: number): number => Math.round(m2 * 100);

const refused = (reason: string): ParseResult => ({ ok: false, reason });
const none = (): ParseResult => ({ ok: true, facts: noFacts() });

export async function parseStatisticsEvent(event: CloudEvent<unknown>): Promise<ParseResult> {
  if (!str(event.id) || !str(event.time) || Number.isNaN(Date.parse(event.time))) return refused('id/time');
  const v: Versioned = { at: new Date(event.time).toISOString(), event: event.id };
  const data = obj(event.data);
  switch (event.type) {
    case PermitsEvents.permitRegistered:
    case PermitsEvents.permitUpdated: {
      const checked = await validateEvent(PermitRegisteredEvent, event.data);
      if (!checked.ok) return refused(checked.errors.map((e) => e.field).join(', '));
      const { permit: p, units } = checked.value;
      if (p.sandbox === true) return none();
      const facts = noFacts();
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
      return { ok: true, facts };
    }
    case PermitsEvents.projectTyped: {
      const checked = await validateEvent(ProjectTypedEvent, event.data);
      if (!checked.ok) return refused(checked.errors.map((e) => e.field).join(', '));
      const d = checked.value;
      const facts = noFacts();
      facts.projects.push({ ...v, ...pick(d, ['projectCode', 'projectName', 'regionCode', 'projectType']) });
      return { ok: true, facts };
    }
    case PresaleEvents.permitIssued:
    case PresaleBackfillEvents.permitBackfilled:
      return presaleFacts(v, obj(data?.['permit']), null);
    case PresaleBackfillEvents.permitCorrected: {
      const after = obj(data?.['after']);
      const permit = obj(after?.['permit']) ?? after;
      return presaleFacts(v, permit, str(data?.['recordKey']) ? data['recordKey'] : null);
    }
    case EscrowEvents.recordRecorded:
      return escrowFacts(v, obj(data?.['record']));
    case EscrowEvents.recordCorrected:
      return escrowFacts(v, obj(data?.['after']));
    case ContractsEvents.filingFiled:
    case ContractsEvents.filingCancelled:
      return filingFacts(v, obj(data?.['filing']));
    default:
      return none();
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

function presaleFacts(v: Versioned, p: Obj | null, previousNumber: string | null): ParseResult {
  if (!p) return refused('permit');
  if (p['sandbox'] === true) return none();
  const parsed = str(p['presaleNumber']) ? parsePresaleNumber(p['presaleNumber']) : null;
  const bad = [
    !parsed && 'presaleNumber',
    !(str(p['regionCode']) && REGION.test(p['regionCode'])) && 'regionCode',
    !(str(p['projectCode']) && p['projectCode'] !== '') && 'projectCode',
    !str(p['projectName']) && 'projectName',
    !(str(p['issueDate']) && isIsoDate(p['issueDate'])) && 'issueDate',
    !finiteNonNeg(p['presaleArea']) && 'presaleArea',
    !nonNegInt(p['unitCount']) && 'unitCount',
  ].filter(Boolean);
  if (bad.length > 0 || !parsed) return refused(bad.join(', '));
  const version: PresaleVersion = {
    ...v,
    presaleNumber: p['presaleNumber'] as string,
    letter: parsed.letter,
    projectCode: p['projectCode'] as string,
    projectName: p['projectName'] as string,
    regionCode: p['regionCode'] as string,
    issueDate: p['issueDate'] as string,
    presaleArea: hundredths(p['presaleArea'] as number),
    unitCount: p['unitCount'] as number,
    fundSupervision: parsed.letter === 'Y' ? obj(p['fundSupervision']) !== null : null,
    superseded: false,
  };
  const facts = noFacts();
  facts.presales.push(version);
  // a correction under another number replaces the previous one (it no longer counts)
  if (previousNumber && previousNumber !== version.presaleNumber && parsePresaleNumber(previousNumber))
    facts.presales.push({ ...version, presaleNumber: previousNumber, superseded: true });
  return { ok: true, facts };
}

function escrowFacts(v: Versioned, r: Obj | null): ParseResult {
  if (!r) return refused('record');
  const presaleNumber = r['presaleNumber'];
  const amount = r['capitalGuaranteeAmount'];
  const bad = [
    !(str(presaleNumber) && parsePresaleNumber(presaleNumber)) && 'presaleNumber',
    !(amount === null || nonNegInt(amount)) && 'capitalGuaranteeAmount',
    typeof r['commitmentLetter'] !== 'boolean' && 'commitmentLetter',
    typeof r['fundSupervision'] !== 'boolean' && 'fundSupervision',
    !nonNegInt(r['balance']) && 'balance',
    !(str(r['balanceAsOf']) && isIsoDate(r['balanceAsOf'])) && 'balanceAsOf',
  ].filter(Boolean);
  if (bad.length > 0) return refused(bad.join(', '));
  const number = presaleNumber as string;
  const version: EscrowVersion = {
    ...v,
    presaleNumber: number,
    regionCode: str(r['regionCode']) && REGION.test(r['regionCode']) ? r['regionCode'] : number.slice(0, 6),
    state: str(r['state']) && r['state'] !== '' ? r['state'] : 'SUBMITTED',
    capitalGuaranteeFen: amount as number | null,
    commitmentLetter: r['commitmentLetter'] as boolean,
    fundSupervision: r['fundSupervision'] as boolean,
    balanceFen: r['balance'] as number,
    balanceAsOf: r['balanceAsOf'] as string,
  };
  const facts = noFacts();
  facts.escrows.push(version);
  return { ok: true, facts };
}

function filingFacts(v: Versioned, f: Obj | null): ParseResult {
  if (!f) return refused('filing');
  if (f['sandbox'] === true) return none();
  const rooms = Array.isArray(f['rooms']) ? (f['rooms'] as unknown[]).map(obj) : null;
  const method = obj(f['payment'])?.['method'];
  const cancelledAt = obj(f['cancellation'])?.['cancelledAt'];
  const bad = [
    !(str(f['contractNumber']) && parseContractNumber(f['contractNumber'])) && 'contractNumber',
    !(str(f['presaleNumber']) && parsePresaleNumber(f['presaleNumber'])) && 'presaleNumber',
    !str(f['projectCode']) && 'projectCode',
    !(str(f['regionCode']) && REGION.test(f['regionCode'])) && 'regionCode',
    !(str(f['filingDate']) && isIsoDate(f['filingDate'])) && 'filingDate',
    !(rooms && rooms.every((r) => r && finiteNonNeg(r['floorArea']))) && 'rooms',
    !nonNegInt(f['contractAmount']) && 'contractAmount',
    !PAYMENT_METHODS.includes(method as PaymentMethodV1) && 'payment.method',
    !(f['status'] === 'ACTIVE' || f['status'] === 'CANCELLED') && 'status',
    f['status'] === 'CANCELLED' && !(str(cancelledAt) && !Number.isNaN(Date.parse(cancelledAt))) && 'cancellation',
  ].filter(Boolean);
  if (bad.length > 0 || !rooms) return refused(bad.join(', '));
  const version: FilingVersion = {
    ...v,
    contractNumber: f['contractNumber'] as string,
    presaleNumber: f['presaleNumber'] as string,
    projectCode: f['projectCode'] as string,
    regionCode: f['regionCode'] as string,
    filingDate: f['filingDate'] as string,
    floorArea: rooms.reduce((sum, r) => sum + hundredths(r!['floorArea'] as number), 0),
    amountFen: f['contractAmount'] as number,
    paymentMethod: method as PaymentMethodV1,
    status: f['status'] as 'ACTIVE' | 'CANCELLED',
    cancelledAt: f['status'] === 'CANCELLED' ? new Date(cancelledAt as string).toISOString() : null,
  };
  const facts = noFacts();
  facts.filings.push(version);
  return { ok: true, facts };
}
