import { regionOf } from '@hn/auth';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { computeDifference, ComputedDifference, groupByPresaleMonth } from './difference-computation';

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
  constructor(private readonly dataSource: DataSource) {}

  async compareAll(): Promise<ComparisonOutcome> {
    const presales = (
      (await this.dataSource.query(
        `SELECT presale_number FROM contract_filing WHERE NOT sandbox AND status = 'ACTIVE'
       UNION SELECT presale_number FROM signing_statistic WHERE state = 'SUBMITTED'
       UNION SELECT presale_number FROM market_filing WHERE status = 'FILED'
       ORDER BY 1`,
      )) as Array<{ presale_number: string }>
    ).map((r) => r.presale_number);
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
    const replica = (await this.dataSource.query(
      `SELECT presale_number, region_code FROM presale_replica WHERE presale_number = ANY($1::text[])`,
      [withDifferences],
    )) as Array<{ presale_number: string; region_code: string }>;
    for (const p of withDifferences)
      outcome.regions.set(p, replica.find((r) => r.presale_number === p)?.region_code ?? regionOf(p));
    return outcome;
  }

  private async loadGroups(presales: string[]): Promise<ReturnType<typeof groupByPresaleMonth>> {
    const [ours, statistics, market] = await Promise.all([
      this.dataSource.query(
        `SELECT f.presale_number, to_char(f.filing_date, 'YYYY-MM') AS month, f.contract_number, f.contract_amount::text AS amount,
                coalesce((SELECT sum(r.floor_area) FROM contract_room r WHERE r.sandbox = f.sandbox AND r.contract_number = f.contract_number), 0)::text AS area
         FROM contract_filing f WHERE NOT f.sandbox AND f.status = 'ACTIVE' AND f.presale_number = ANY($1::text[])`,
        [presales],
      ) as Promise<
        Array<{ presale_number: string; month: string; contract_number: string; amount: string; area: string }>
      >,
      this.dataSource.query(
        `SELECT presale_number, month, contracts_signed, floor_area::text AS area, amount_fen::text AS amount
         FROM signing_statistic WHERE state = 'SUBMITTED' AND presale_number = ANY($1::text[])`,
        [presales],
      ) as Promise<
        Array<{ presale_number: string; month: string; contracts_signed: number; area: string; amount: string }>
      >,
      this.dataSource.query(
        `SELECT id, contract_number, presale_number, month, floor_area::text AS area, amount_fen::text AS amount
         FROM market_filing WHERE status = 'FILED' AND presale_number = ANY($1::text[])`,
        [presales],
      ) as Promise<
        Array<{
          id: string;
          contract_number: string | null;
          presale_number: string;
          month: string;
          area: string;
          amount: string;
        }>
      >,
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
