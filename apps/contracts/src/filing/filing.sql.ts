// Statements of the filing path (read by FilingRepository). Hand-written: each is one round trip.

export const LOOKUP_SQL = `SELECT (SELECT json_build_object('request_hash', k.request_hash, 'response', k.response)
   FROM idempotency_key k WHERE k.client_id = $1 AND k.idempotency_key = $2) AS stored`;

export const LOOKUP_AND_PRESALE_SQL = `${LOOKUP_SQL},
  (SELECT row_to_json(x) FROM (
     SELECT p.region_code, p.project_code, p.buildings, p.issue_date::text AS issue_date, p.status,
            (SELECT coalesce(json_agg(json_build_object('roomNumber', r.room_number, 'contractNumber', r.contract_number) ORDER BY r.room_number), '[]'::json)
             FROM contract_room r WHERE r.active AND r.sandbox = $4 AND r.presale_number = p.presale_number AND r.building = $5 AND r.room_number = ANY($6::text[])) AS taken
     FROM presale_replica p WHERE p.presale_number = $3) x) AS presale`;

/** Sandbox: the stored key and the sandbox rooms taken (the presale permit comes from the presale service). */
export const LOOKUP_AND_SANDBOX_ROOMS_SQL = `${LOOKUP_SQL},
  (SELECT coalesce(json_agg(json_build_object('roomNumber', r.room_number, 'contractNumber', r.contract_number) ORDER BY r.room_number), '[]'::json)
     FROM contract_room r WHERE r.active AND r.sandbox = $4 AND r.presale_number = $3 AND r.building = $5 AND r.room_number = ANY($6::text[])) AS taken`;

export const TAKEN_ROOMS_SQL = `SELECT room_number AS "roomNumber", contract_number AS "contractNumber" FROM contract_room
       WHERE active AND sandbox = $1 AND presale_number = $2 AND building = $3 AND room_number = ANY($4::text[]) ORDER BY room_number`;
