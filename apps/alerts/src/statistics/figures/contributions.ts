import { chinaDateOf } from '../../clock/china-date';
import { SOCIAL_INVESTMENT_CATEGORY } from '@hn/messages';
import { FilingVersion, PermitVersion, PresaleVersion, ProjectVersion, EscrowVersion } from './fact-versions';
import { Vector } from './figure-vector';
import { Contribution, dayOf, FlowRow, inForce, monthOf, sortVersions, stockTimeline } from './timeline';

/**
 * What each record group adds to the aggregates, from its records' versions only (pure): the stock
 * figures day by day (as recorded by the end of each China day, records dated on or before it) and the
 * monthly flows (by the records' own dates, as recorded now). The same 口径 as the record sets of
 * statistics-sets.sql.ts, which recount them from scratch.
 */

const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

function permitFigures(p: PermitVersion, projectType: string | null): Vector {
  const v: Vector = {
    'permits.count': 1,
    [`permits.byProjectType.${projectType ?? 'UNMARKED'}`]: 1,
  };
  if (p.floorArea !== 0) v['permits.floorArea'] = p.floorArea;
  if (p.category === SOCIAL_INVESTMENT_CATEGORY) v['permits.socialInvestment'] = 1;
  return v;
}

/** A construction permit with its project's type (the projects it was recorded under, by code). */
export function permitContribution(
  versions: readonly PermitVersion[],
  projects: ReadonlyMap<string, readonly ProjectVersion[]>,
): Contribution {
  const pv = sortVersions(versions);
  const projectOf = (code: string): ProjectVersion[] => sortVersions(projects.get(code) ?? []);
  const codes = [...new Set(pv.map((p) => p.projectCode))];
  const breakpoints = [...pv.flatMap((p) => [dayOf(p), p.issueDate]), ...codes.flatMap((c) => projectOf(c).map(dayOf))];
  const stock = stockTimeline(breakpoints, (day) => {
    const p = inForce(pv, day);
    if (!p || p.status !== 'VALID' || p.issueDate > day) return null;
    const type = inForce(projectOf(p.projectCode), day)?.projectType ?? null;
    return { region: p.regionCode, figures: permitFigures(p, type) };
  });
  const p = last(pv);
  const flow: FlowRow[] =
    p && p.status === 'VALID'
      ? [
          {
            region: p.regionCode,
            month: monthOf(p.issueDate),
            figures: permitFigures(p, last(projectOf(p.projectCode))?.projectType ?? null),
          },
        ]
      : [];
  return { stock, flow };
}

function presaleFigures(s: PresaleVersion): Vector {
  const v: Vector = { [`presale.${s.letter.toLowerCase()}`]: 1 };
  if (s.presaleArea !== 0) v['presale.presaleArea'] = s.presaleArea;
  if (s.unitCount !== 0) v['presale.units'] = s.unitCount;
  return v;
}

/** A presale permit with its submitted escrow record (资金监管、资本保证金). */
export function presaleContribution(
  versions: readonly PresaleVersion[],
  escrowVersions: readonly EscrowVersion[],
): Contribution {
  const sv = sortVersions(versions);
  const ev = sortVersions(escrowVersions);
  const breakpoints = [...sv.flatMap((s) => [dayOf(s), s.issueDate]), ...ev.map(dayOf)];
  const stock = stockTimeline(breakpoints, (day) => {
    const s = inForce(sv, day);
    if (!s || s.superseded || s.issueDate > day) return null;
    const e = inForce(ev, day);
    const record = e && e.state === 'SUBMITTED' ? e : null;
    const v = presaleFigures(s);
    const supervised = record ? record.fundSupervision : s.letter === 'Y' ? s.fundSupervision === true : null;
    if (supervised === null) v['escrow.noRecord'] = 1;
    else v[supervised ? 'escrow.supervised' : 'escrow.notSupervised'] = 1;
    if (record) {
      if (record.fundSupervision && record.balanceFen !== 0) v['escrow.balanceFen'] = record.balanceFen;
      if (record.capitalGuaranteeFen !== null) {
        v['capitalGuarantee.withAmount'] = 1;
        if (record.capitalGuaranteeFen !== 0) v['capitalGuarantee.amountFen'] = record.capitalGuaranteeFen;
      }
      if (record.commitmentLetter) v['capitalGuarantee.withCommitmentLetter'] = 1;
      if (record.capitalGuaranteeFen === null && !record.commitmentLetter) v['capitalGuarantee.withNeither'] = 1;
    }
    return { region: s.regionCode, figures: v };
  });
  const s = last(sv);
  const flow: FlowRow[] =
    s && !s.superseded ? [{ region: s.regionCode, month: monthOf(s.issueDate), figures: presaleFigures(s) }] : [];
  return { stock, flow };
}

/** A project typed PRESALE without any presale permit (its own versions and the presale permits that named it). */
export function projectContribution(
  projectCode: string,
  versions: readonly ProjectVersion[],
  presales: ReadonlyMap<string, readonly PresaleVersion[]>,
): Contribution {
  const pv = sortVersions(versions);
  const permits = [...presales.values()].map((list) => sortVersions(list));
  const breakpoints = [...pv.map(dayOf), ...permits.flatMap((list) => list.flatMap((s) => [dayOf(s), s.issueDate]))];
  const stock = stockTimeline(breakpoints, (day) => {
    const pr = inForce(pv, day);
    if (!pr || pr.projectType !== 'PRESALE') return null;
    const hasPermit = permits.some((list) => {
      const s = inForce(list, day);
      return s !== undefined && !s.superseded && s.issueDate <= day && s.projectCode === projectCode;
    });
    return hasPermit ? null : { region: pr.regionCode, figures: { 'presale.presaleProjectsWithoutPresalePermit': 1 } };
  });
  return { stock, flow: [] };
}

function filedFigures(f: FilingVersion, prefix: 'count' | 'filed'): Vector {
  const v: Vector = { [`filings.${prefix}`]: 1, [`filings.byPaymentMethod.${f.paymentMethod}`]: 1 };
  if (f.floorArea !== 0) v['filings.floorArea'] = f.floorArea;
  if (f.amountFen !== 0) v['filings.amountFen'] = f.amountFen;
  return v;
}

/** A contract filing: in force (ACTIVE) or cancelled at each day. */
export function filingContribution(versions: readonly FilingVersion[]): Contribution {
  const fv = sortVersions(versions);
  const breakpoints = fv.flatMap((f) => [dayOf(f), f.filingDate]);
  const stock = stockTimeline(breakpoints, (day) => {
    const f = inForce(fv, day);
    if (!f || f.filingDate > day) return null;
    return {
      region: f.regionCode,
      figures: f.status === 'ACTIVE' ? filedFigures(f, 'count') : { 'filings.cancelled': 1 },
    };
  });
  const f = last(fv);
  const flow: FlowRow[] = [];
  if (f) {
    flow.push({ region: f.regionCode, month: monthOf(f.filingDate), figures: filedFigures(f, 'filed') });
    if (f.status === 'CANCELLED' && f.cancelledAt)
      flow.push({
        region: f.regionCode,
        month: monthOf(chinaDateOf(new Date(f.cancelledAt))),
        figures: { 'filings.cancelled': 1 },
      });
  }
  return { stock, flow };
}
