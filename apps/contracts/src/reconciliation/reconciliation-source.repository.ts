import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OurFilingRow {
  presale_number: string;
  month: string;
  contract_number: string;
  amount: string;
  area: string;
}

export interface StatisticSourceRow {
  presale_number: string;
  month: string;
  contracts_signed: number;
  area: string;
  amount: string;
}

export interface MarketSourceRow {
  id: string;
  contract_number: string | null;
  presale_number: string;
  month: string;
  area: string;
  amount: string;
}

/**
 * Reads of the three sources of a reconciliation: our ACTIVE non-sandbox filings, SUBMITTED
 * manual statistics and the market platform's FILED records (areas and amounts as numeric text).
 */
@Injectable()
export class ReconciliationSourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every presale permit in any of the three sources, ordered. */
  async presaleNumbers(): Promise<string[]> {
    return (
      (await this.dataSource.query(
        `SELECT presale_number FROM contract_filing WHERE NOT sandbox AND status = 'ACTIVE'
       UNION SELECT presale_number FROM signing_statistic WHERE state = 'SUBMITTED'
       UNION SELECT presale_number FROM market_filing WHERE status = 'FILED'
       ORDER BY 1`,
      )) as Array<{ presale_number: string }>
    ).map((r) => r.presale_number);
  }

  replicaRegions(presales: string[]): Promise<Array<{ presale_number: string; region_code: string }>> {
    return this.dataSource.query(
      `SELECT presale_number, region_code FROM presale_replica WHERE presale_number = ANY($1::text[])`,
      [presales],
    );
  }

  ourFilings(presales: string[]): Promise<OurFilingRow[]> {
    return this.dataSource.query(
      `SELECT f.presale_number, to_char(f.filing_date, 'YYYY-MM') AS month, f.contract_number, f.contract_amount::text AS amount,
                coalesce((SELECT sum(r.floor_area) FROM contract_room r WHERE r.sandbox = f.sandbox AND r.contract_number = f.contract_number), 0)::text AS area
         FROM contract_filing f WHERE NOT f.sandbox AND f.status = 'ACTIVE' AND f.presale_number = ANY($1::text[])`,
      [presales],
    );
  }

  submittedStatistics(presales: string[]): Promise<StatisticSourceRow[]> {
    return this.dataSource.query(
      `SELECT presale_number, month, contracts_signed, floor_area::text AS area, amount_fen::text AS amount
         FROM signing_statistic WHERE state = 'SUBMITTED' AND presale_number = ANY($1::text[])`,
      [presales],
    );
  }

  marketFilings(presales: string[]): Promise<MarketSourceRow[]> {
    return this.dataSource.query(
      `SELECT id, contract_number, presale_number, month, floor_area::text AS area, amount_fen::text AS amount
         FROM market_filing WHERE status = 'FILED' AND presale_number = ANY($1::text[])`,
      [presales],
    );
  }
}
