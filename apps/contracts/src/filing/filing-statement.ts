import { CloudEvent } from '@hn/messages';
import { outboxNotifySqlIfDue, outboxRowParams } from '@hn/eventing';
import { SealedBuyerRow } from '../pii/buyer-pii.service';
import { FilingDraft } from './contract-filing-record';

export interface FilingStatementArgs {
  sandbox: boolean;
  clientId: string;
  idempotencyKey: string;
  requestHash: string;
  /** masked filing without number; the statement adds contractNumber and serial */
  maskedDraft: FilingDraft;
  buyers: SealedBuyerRow[];
  /** the filed event with data.filing still null (real filings only) */
  event: CloudEvent<unknown> | null;
  correlationId?: string;
  /** advisory-lock key of the idempotency key: taken (try) first, nothing is written without it */
  lockKey: string;
}

/**
 * The whole filing as ONE statement (data-modifying CTEs, DESIGN §9), run on its own (autocommit).
 * It first tries the idempotency key's advisory lock (held to the statement's commit): without it
 * (a request with the same key in flight) nothing is written and `locked` is false. A key committed
 * by another request before the lock but after this statement's snapshot makes the idempotency_key
 * insert fail on its primary key (the caller then replays it). The counter row is locked
 * from the serial increment to the commit right after, with no round trip in between. The serial,
 * filing, rooms, buyers, stored idempotent response and outbox event are all derived from the
 * counter CTE, so an exhausted counter (no row) inserts nothing and a failing insert (a room under
 * an active filing) rolls the serial back: the sequence stays gap-free.
 * Hand-written on purpose: one statement was measured faster than TypeORM entities or a
 * multi-statement transaction (npm run bench:filings); FilingRepository.file runs it.
 */
export function filingStatement(args: FilingStatementArgs): { sql: string; params: unknown[] } {
  const d = args.maskedDraft;
  const rooms = d.rooms.map((r, position) => ({
    position,
    roomNumber: r.roomNumber,
    floor: r.floor,
    floorArea: r.floorArea,
  }));
  const params: unknown[] = [
    d.presaleNumber, // $1
    args.sandbox, // $2
    d.regionCode, // $3
    d.projectCode, // $4
    d.building, // $5
    args.clientId, // $6
    d.filingDate, // $7
    d.contractAmount, // $8
    JSON.stringify(d), // $9
    JSON.stringify(rooms), // $10
    JSON.stringify(args.buyers), // $11
    d.filedAt, // $12
    args.idempotencyKey, // $13
    args.requestHash, // $14
  ];
  const event = args.event ? outboxRowParams(args.event, args.correlationId) : null;
  if (event) params.push(...event); // $15..$18
  params.push(args.lockKey);
  const lock = `$${params.length}`;
  const sql = `
    WITH l AS (
      SELECT pg_try_advisory_xact_lock(hashtextextended(${lock}, 11)) AS locked
    ), c AS (
      INSERT INTO contract_serial_counter AS k (presale_number, sandbox, next_serial) SELECT $1, $2::boolean, 2 FROM l WHERE l.locked
      ON CONFLICT (presale_number, sandbox) DO UPDATE SET next_serial = k.next_serial + 1 WHERE k.next_serial <= 9999
      RETURNING next_serial - 1 AS serial
    ), r AS (
      SELECT c.serial, n.contract_number,
             $9::jsonb || jsonb_build_object('contractNumber', n.contract_number, 'serial', c.serial) AS record
      FROM c CROSS JOIN LATERAL (SELECT $1 || '-B' || lpad(c.serial::text, 4, '0') AS contract_number) n
    ), f AS (
      INSERT INTO contract_filing (sandbox, contract_number, presale_number, serial, region_code, project_code, building, client_id, filing_date, contract_amount, record, status, filed_at)
      SELECT $2, r.contract_number, $1, r.serial, $3, $4, $5, $6, $7::date, $8, r.record, 'ACTIVE', $12::timestamptz FROM r
    ), rm AS (
      INSERT INTO contract_room (sandbox, contract_number, position, presale_number, building, room_number, floor, floor_area)
      SELECT $2, r.contract_number, x.position, $1, $5, x."roomNumber", x.floor, x."floorArea"
      FROM r CROSS JOIN jsonb_to_recordset($10::jsonb) AS x(position int, "roomNumber" text, floor int, "floorArea" numeric)
    ), b AS (
      INSERT INTO contract_buyer (sandbox, contract_number, position, buyer_type, name, id_type, id_number_ct, id_number_iv, id_number_tag, id_number_hmac,
                                  phone_ct, phone_iv, phone_tag, pii_key_id, credit_code)
      SELECT $2, r.contract_number, x.position, x.type, x.name, x."idType", decode(x."idCt", 'base64'), decode(x."idIv", 'base64'), decode(x."idTag", 'base64'),
             decode(x."idHmac", 'base64'), decode(x."phoneCt", 'base64'), decode(x."phoneIv", 'base64'), decode(x."phoneTag", 'base64'), x."keyId", x."creditCode"
      FROM r CROSS JOIN jsonb_to_recordset($11::jsonb) AS x(position int, type text, name text, "idType" text, "idCt" text, "idIv" text, "idTag" text,
             "idHmac" text, "phoneCt" text, "phoneIv" text, "phoneTag" text, "keyId" text, "creditCode" text)
    ), i AS (
      INSERT INTO idempotency_key (client_id, idempotency_key, request_hash, response)
      SELECT $6, $13, $14, jsonb_build_object('contractNumber', r.contract_number, 'sandbox', $2::boolean, 'filing', r.record) FROM r
    )${
      event
        ? `, e AS (
      -- outboxInsertSql's row, as INSERT … SELECT so the payload can carry the assigned number
      INSERT INTO outbox_event (id, stream_subject, payload, headers, created_at)
      SELECT $15::uuid, $16, jsonb_set($17::jsonb, '{data,filing}', r.record) || jsonb_build_object('subject', r.contract_number), $18::jsonb, clock_timestamp() FROM r
    )`
        : ''
    }
    SELECT l.locked, r.serial, r.contract_number AS "contractNumber"${event ? `, CASE WHEN r.serial IS NOT NULL THEN ${outboxNotifySqlIfDue()} END AS notified` : ''}
    FROM l LEFT JOIN r ON true`;
  return { sql, params };
}
