/** SQL of 资金监管信息 (escrow_record, escrow_record_version, escrow_scan, presale_replica); used by EscrowRepository only. */

/** Columns of the current record (alias e) with its permit (p) and commitment letter scan (s). */
export const RECORD_COLUMNS = `e.presale_number, e.region_code, coalesce(p.project_name, '') AS project_name, e.capital_guarantee_fen::text AS capital_guarantee_fen,
  e.commitment_letter, e.fund_supervision, e.bank, e.account, e.balance_fen::text AS balance_fen, to_char(e.balance_as_of, 'YYYY-MM-DD') AS balance_as_of,
  e.state, e.version, e.entered_by, e.updated_at, e.commitment_letter_scan_id,
  s.sha256 AS scan_sha256, s.content_type AS scan_content_type, s.size AS scan_size, s.file_name AS scan_file_name, s.uploaded_at AS scan_uploaded_at`;

export const RECORD_FROM = `escrow_record e LEFT JOIN presale_replica p ON p.presale_number = e.presale_number LEFT JOIN escrow_scan s ON s.id = e.commitment_letter_scan_id`;

/** Columns of every version (alias v) with its commitment letter scan (s) and correction report scan (c). */
export const VERSION_COLUMNS = `v.version, v.capital_guarantee_fen::text AS capital_guarantee_fen, v.commitment_letter, v.fund_supervision, v.bank, v.account,
  v.balance_fen::text AS balance_fen, to_char(v.balance_as_of, 'YYYY-MM-DD') AS balance_as_of, v.entered_by, v.entered_at, v.withdrawn_at, v.submitted_at,
  v.correction_reason, v.correction_document_number,
  s.sha256 AS scan_sha256, s.content_type AS scan_content_type, s.size AS scan_size, s.file_name AS scan_file_name, s.uploaded_at AS scan_uploaded_at,
  c.sha256 AS report_sha256, c.content_type AS report_content_type, c.size AS report_size, c.file_name AS report_file_name, c.uploaded_at AS report_uploaded_at`;

export const VERSION_FROM = `escrow_record_version v LEFT JOIN escrow_scan s ON s.id = v.commitment_letter_scan_id LEFT JOIN escrow_scan c ON c.id = v.correction_report_scan_id`;

/** Columns of a listed permit (alias p) beside its record's RECORD_COLUMNS. */
export const LIST_COLUMNS = `${RECORD_COLUMNS}, p.presale_number AS p_presale_number, p.region_code AS p_region_code, p.project_name AS p_project_name, p.developer_name,
           to_char(p.issue_date, 'YYYY-MM-DD') AS issue_date, e.presale_number IS NOT NULL AS has_record`;

export const LIST_FROM = `presale_replica p LEFT JOIN escrow_record e ON e.presale_number = p.presale_number LEFT JOIN escrow_scan s ON s.id = e.commitment_letter_scan_id`;

export const SELECT_RECORD = `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE e.presale_number = $1`;

export const SELECT_RECORDS = `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE e.presale_number = ANY($1::text[]) ORDER BY e.presale_number`;

export const SELECT_VERSIONS = `SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} WHERE v.presale_number = $1 ORDER BY v.version`;

export const SELECT_PRESALE = `SELECT region_code, to_char(issue_date, 'YYYY-MM-DD') AS issue_date FROM presale_replica WHERE presale_number = $1`;

export const SELECT_PRESALE_REGION = `SELECT region_code FROM presale_replica WHERE presale_number = $1`;

/** Numbers in the order given ($1 sorted by the caller): concurrent submits cannot deadlock. */
export const LOCK_RECORDS = `SELECT pg_advisory_xact_lock(hashtextextended('escrow:' || n, 17)) FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i`;

export const WITHDRAW_VERSION = `UPDATE escrow_record_version SET withdrawn_at = now(), withdrawn_by = $3 WHERE presale_number = $1 AND version = $2`;

/** The previous live version becomes current; no row updated when there is none. */
export const RESTORE_PREVIOUS_VERSION = `UPDATE escrow_record e SET capital_guarantee_fen = v.capital_guarantee_fen, commitment_letter = v.commitment_letter, commitment_letter_scan_id = v.commitment_letter_scan_id,
           fund_supervision = v.fund_supervision, bank = v.bank, account = v.account, balance_fen = v.balance_fen, balance_as_of = v.balance_as_of,
           version = v.version, entered_by = v.entered_by, updated_at = now()
         FROM (SELECT * FROM escrow_record_version WHERE presale_number = $1 AND version < $2 AND withdrawn_at IS NULL ORDER BY version DESC LIMIT 1) v
         WHERE e.presale_number = $1 RETURNING e.version`;

export const DELETE_RECORD = `DELETE FROM escrow_record WHERE presale_number = $1`;

export const SUBMIT_RECORDS = `UPDATE escrow_record SET state = 'SUBMITTED', submitted_at = now(), submitted_by = $2, updated_at = now() WHERE presale_number = ANY($1::text[])`;

export const SUBMIT_CURRENT_VERSIONS = `UPDATE escrow_record_version v SET submitted_at = now() FROM escrow_record e WHERE e.presale_number = ANY($1::text[]) AND v.presale_number = e.presale_number AND v.version = e.version`;

/** The next version number under the caller's advisory lock; a correction ($11 set) is submitted at once. */
export const INSERT_VERSION = `INSERT INTO escrow_record_version (presale_number, version, capital_guarantee_fen, commitment_letter, commitment_letter_scan_id, fund_supervision, bank, account,
         balance_fen, balance_as_of, entered_by, submitted_at, correction_reason, correction_document_number, correction_report_scan_id)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11::text IS NULL THEN NULL ELSE now() END, $11, $12, $13
       FROM escrow_record_version WHERE presale_number = $1
       RETURNING version`;

export const UPSERT_RECORD = `INSERT INTO escrow_record AS e (presale_number, region_code, capital_guarantee_fen, commitment_letter, commitment_letter_scan_id, fund_supervision, bank, account, balance_fen, balance_as_of, version, entered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (presale_number) DO UPDATE SET region_code = EXCLUDED.region_code, capital_guarantee_fen = EXCLUDED.capital_guarantee_fen, commitment_letter = EXCLUDED.commitment_letter,
         commitment_letter_scan_id = EXCLUDED.commitment_letter_scan_id, fund_supervision = EXCLUDED.fund_supervision, bank = EXCLUDED.bank, account = EXCLUDED.account,
         balance_fen = EXCLUDED.balance_fen, balance_as_of = EXCLUDED.balance_as_of, version = EXCLUDED.version, entered_by = EXCLUDED.entered_by, updated_at = now()`;

export const INSERT_SCAN = `INSERT INTO escrow_scan (presale_number, kind, sha256, content_type, size, file_name, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`;
