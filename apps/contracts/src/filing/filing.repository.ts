import { Injectable } from '@nestjs/common';
import { ContractFilingIssuedV1 } from '@hn/messages';
import { createHash } from 'node:crypto';
import { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SqlRunner } from '../pii/contract-buyer.repository';
import { LOOKUP_AND_PRESALE_SQL, LOOKUP_AND_SANDBOX_ROOMS_SQL, LOOKUP_SQL, TAKEN_ROOMS_SQL } from './filing.sql';

export interface TakenRoom {
  roomNumber: string;
  contractNumber: string;
}

export interface PresaleRow {
  region_code: string;
  project_code: string;
  buildings: string[];
  issue_date: string;
  status: string;
  taken: TakenRoom[];
}

export interface LookupRow {
  stored: { request_hash: string; response: ContractFilingIssuedV1 } | null;
  /** only when the submission is valid; null when the presale permit is unknown */
  presale?: PresaleRow | null;
  /** sandbox filings: the sandbox rooms already under an active filing */
  taken?: PresaleRow['taken'];
}

/** The rooms of a lookup: present only for a valid submission. */
export interface LookupRooms {
  presaleNumber: string;
  sandbox: boolean;
  building: string;
  roomNumbers: string[];
}

export interface FilingStatementRow {
  locked: boolean;
  serial: number | null;
  contractNumber: string | null;
}

/**
 * SQL of the filing path. The lookup and the filing statement (filing-statement.ts) go straight to
 * the pg pool as named prepared statements: the filing path is two round trips, measured faster
 * than TypeORM's query runner or entities (npm run bench:filings), so they stay hand-written.
 */
@Injectable()
export class FilingRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /**
   * One round trip: the stored key and, for a valid submission, the presale permit on the local
   * replica with the rooms already taken (or, sandbox, only the rooms taken).
   */
  async lookup(clientId: string, key: string, rooms: LookupRooms | null): Promise<LookupRow> {
    const params: unknown[] = [clientId, key];
    if (rooms) params.push(rooms.presaleNumber, rooms.sandbox, rooms.building, rooms.roomNumbers);
    const sql = !rooms ? LOOKUP_SQL : rooms.sandbox ? LOOKUP_AND_SANDBOX_ROOMS_SQL : LOOKUP_AND_PRESALE_SQL;
    const rows = (await this.pool.query<LookupRow>(prepared(sql, params))).rows;
    return rows[0]!;
  }

  /** Runs the one-statement filing (its own transaction, autocommit). */
  async file(statement: { sql: string; params: unknown[] }): Promise<FilingStatementRow | undefined> {
    const [row] = (await this.pool.query<FilingStatementRow>(prepared(statement.sql, statement.params))).rows;
    return row;
  }

  /** A runner on the pool (outside any transaction), e.g. for revealing a stored response's buyers. */
  poolRunner(): SqlRunner {
    const pool = this.pool;
    return {
      query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T,
    };
  }

  /** Who holds the given rooms under an active filing now. */
  takenRooms(sandbox: boolean, presaleNumber: string, building: string, roomNumbers: string[]): Promise<TakenRoom[]> {
    return this.dataSource.query(TAKEN_ROOMS_SQL, [sandbox, presaleNumber, building, roomNumbers]);
  }
}

const statementNames = new Map<string, string>();

/** A named statement: parsed and planned once per connection instead of on every filing. */
function prepared(text: string, values: unknown[]): QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `contracts-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}
