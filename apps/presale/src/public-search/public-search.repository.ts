import { Injectable } from '@nestjs/common';
import { PublicSearchKindV1 } from '@hn/messages';
import { DataSource } from 'typeorm';

/** The public fields of a found permit, read from the record (never the whole record). */
export interface PublicSearchRow {
  presale_number: string;
  status: 'VALID' | 'CORRECTED';
  region_code: string;
  project_name: string;
  developer_name: string;
  address: string;
  issuing_authority: string;
  local_certificate_number: string;
  issue_date: string;
  verify_url: string;
}

export interface PublicSearch {
  by: PublicSearchKindV1;
  /** the validated term: a unified number, a certificate key (certificateKey()) or a name part */
  term: string;
  page: number;
  pageSize: number;
  countCap: number;
}

/**
 * Public rows only (partial indexes of migration 1766600000000): real, not withdrawn, not an
 * unsubmitted backfill draft. Every value is a bind parameter; LIKE wildcards in a name are escaped.
 */
const PUBLIC = `NOT p.sandbox AND p.status <> 'WITHDRAWN' AND NOT EXISTS (
  SELECT 1 FROM presale_backfill b WHERE b.sandbox = p.sandbox AND b.presale_number = p.presale_number AND b.state = 'DRAFT')`;

const COLUMNS = `p.presale_number, p.status, p.region_code, p.project_name,
  p.record->'developer'->>'name' AS developer_name, p.record->>'address' AS address,
  p.record->>'issuingAuthority' AS issuing_authority, p.record->>'localCertificateNumber' AS local_certificate_number,
  p.record->>'issueDate' AS issue_date, p.record->>'verifyUrl' AS verify_url`;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE (after the public rows) and ORDER BY of one kind of search, with its parameters from $1. */
export function publicSearchWhere(s: Pick<PublicSearch, 'by' | 'term'>): {
  where: string;
  order: string;
  params: unknown[];
} {
  switch (s.by) {
    case 'presaleNumber':
      return { where: `p.presale_number = $1`, order: `p.presale_number`, params: [s.term] };
    case 'localCertificateNumber':
      return { where: `p.certificate_key = $1`, order: `p.presale_number`, params: [s.term] };
    case 'projectName': {
      const params: unknown[] = [`%${escapeLike(s.term)}%`];
      let where = `p.project_name ILIKE $1`;
      // a 2-character term has no trigram: the bigram array's GIN index narrows it first
      if ([...s.term].length === 2) {
        params.push(s.term.toLowerCase());
        where += ` AND p.name_grams @> ARRAY[$2::text]`;
      }
      return { where, order: `p.record->>'issueDate' DESC, p.presale_number`, params };
    }
  }
}

/** 预售许可证统一查询: one page of public rows and their total, counted up to countCap + 1. */
@Injectable()
export class PublicSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(s: PublicSearch): Promise<{ rows: PublicSearchRow[]; counted: number }> {
    const { where, order, params } = publicSearchWhere(s);
    const filter = `${PUBLIC} AND ${where}`;
    const n = params.length;
    const [countRows, rows] = await Promise.all([
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM (SELECT 1 FROM presale_permit p WHERE ${filter} LIMIT $${n + 1}) t`,
        [...params, s.countCap + 1],
      ) as Promise<Array<{ total: number }>>,
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM presale_permit p WHERE ${filter} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, s.pageSize, (s.page - 1) * s.pageSize],
      ) as Promise<PublicSearchRow[]>,
    ]);
    return { rows, counted: countRows[0]?.total ?? 0 };
  }
}
