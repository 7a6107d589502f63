import { regionOf } from '@hn/auth';
import { Injectable } from '@nestjs/common';
import { computeDifference, ComputedDifference, groupByPresaleMonth } from './difference-computation';
import { ReconciliationSourceRepository } from './reconciliation-source.repository';

/** Presale permits compared per batch (bounded memory however large the province's data). */
const BATCH = 200;

const hundredths = (numeric: string): number => Math.round(Number(numeric) * 100);

export interface ComparisonOutcome {
  groups: number;
  differences: ComputedDifference[];
  /** region of each presale permit with a difference: the replica's, else the number's own 6 digits */
  regions: Map<string, string>;
}

/**
 * Reads the three sources — our ACTIVE non-sandbox filings by filing month, SUBMITTED manual
 * statistics, the market platform's FILED records — batch by batch of presale permits and
 * compares every (permit, month) group.
 */
@Injectable()
export class ReconciliationDataLoader {
  constructor(private readonly sources: ReconciliationSourceRepository) {}

  async compareAll(): Promise<ComparisonOutcome> {
    const presales = await this.sources.presaleNumbers();
    const outcome: ComparisonOutcome = { groups: 0, differences: [], regions: new Map() };
    for (let i = 0; i < presales.length; i += BATCH) {
      const batch = presales.slice(i, i + BATCH);
      const groups = await this.loadGroups(batch);
      outcome.groups += groups.length;
      for (const group of groups) {
        const difference = computeDifference(group);
        if (difference) outcome.differences.push(difference);
      }
    }
    const withDifferences = [...new Set(outcome.differences.map((d) => d.presaleNumber))];
    const replica = await this.sources.replicaRegions(withDifferences);
    for (const p of withDifferences)
      outcome.regions.set(p, replica.find((r) => r.presale_number === p)?.region_code ?? regionOf(p));
    return outcome;
  }

  private async loadGroups(presales: string[]): Promise<ReturnType<typeof groupByPresaleMonth>> {
    const [ours, statistics, market] = await Promise.all([
      this.sources.ourFilings(presales),
      this.sources.submittedStatistics(presales),
      this.sources.marketFilings(presales),
    ]);
    return groupByPresaleMonth(
      ours.map((o) => ({
        presaleNumber: o.presale_number,
        month: o.month,
        contractNumber: o.contract_number,
        areaHundredths: hundredths(o.area),
        amountFen: Number(o.amount),
      })),
      statistics.map((s) => ({
        presaleNumber: s.presale_number,
        month: s.month,
        contractsSigned: s.contracts_signed,
        areaHundredths: hundredths(s.area),
        amountFen: Number(s.amount),
      })),
      market.map((m) => ({
        id: m.id,
        presaleNumber: m.presale_number,
        month: m.month,
        contractNumber: m.contract_number,
        areaHundredths: hundredths(m.area),
        amountFen: Number(m.amount),
      })),
    );
  }
}
