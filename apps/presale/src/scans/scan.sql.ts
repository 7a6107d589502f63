/** SELECT list for a scan_file joined as `s` (matches ScanRow). */
export const SCAN_COLUMNS = `s.sha256 AS scan_sha256, s.content_type AS scan_content_type, s.size AS scan_size, s.file_name AS scan_file_name, s.uploaded_at AS scan_uploaded_at`;
