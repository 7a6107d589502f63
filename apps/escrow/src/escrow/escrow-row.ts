import { EscrowRecordInputV1, EscrowRecordV1, EscrowVersionsV1, StoredScanV1 } from '@hn/messages';

type ScanColumns<P extends string> = { [K in `${P}sha256` | `${P}content_type` | `${P}file_name`]: string | null } & {
  [K in `${P}size`]: number | null;
} & { [K in `${P}uploaded_at`]: Date | null };

/** The entered fields as every query selects them (money as text: bigint). */
interface InputColumns {
  capital_guarantee_fen: string | null;
  commitment_letter: boolean;
  fund_supervision: boolean;
  bank: string | null;
  account: string | null;
  balance_fen: string;
  balance_as_of: string;
}

export type RecordRow = InputColumns & {
  presale_number: string;
  region_code: string;
  project_name: string;
  state: EscrowRecordV1['state'];
  version: number;
  entered_by: string;
  updated_at: Date;
  commitment_letter_scan_id: string | null;
} & ScanColumns<'scan_'>;

function scanOf<P extends string>(row: ScanColumns<P>, prefix: P): StoredScanV1 | null {
  const r = row as unknown as Record<string, unknown>;
  if (r[`${prefix}sha256`] === null || r[`${prefix}sha256`] === undefined) return null;
  return {
    sha256: String(r[`${prefix}sha256`]),
    contentType: r[`${prefix}content_type`] as StoredScanV1['contentType'],
    size: Number(r[`${prefix}size`]),
    fileName: String(r[`${prefix}file_name`]),
    uploadedAt: new Date(r[`${prefix}uploaded_at`] as Date).toISOString(),
  };
}

/** The entered fields of a record or version row. */
function inputOf(row: InputColumns): EscrowRecordInputV1 {
  return {
    capitalGuaranteeAmount: row.capital_guarantee_fen === null ? null : Number(row.capital_guarantee_fen),
    commitmentLetter: row.commitment_letter,
    fundSupervision: row.fund_supervision,
    bank: row.bank,
    account: row.account,
    balance: Number(row.balance_fen),
    balanceAsOf: row.balance_as_of,
  };
}

export function rowToRecord(row: RecordRow): EscrowRecordV1 {
  return {
    presaleNumber: row.presale_number,
    regionCode: row.region_code,
    projectName: row.project_name,
    ...inputOf(row),
    state: row.state,
    version: row.version,
    enteredBy: row.entered_by,
    updatedAt: new Date(row.updated_at).toISOString(),
    commitmentLetterScan: scanOf(row, 'scan_'),
  };
}

export type VersionRow = InputColumns & {
  version: number;
  entered_by: string;
  entered_at: Date;
  withdrawn_at: Date | null;
  submitted_at: Date | null;
  correction_reason: string | null;
  correction_document_number: string | null;
} & ScanColumns<'scan_'> &
  ScanColumns<'report_'>;

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function rowToVersion(row: VersionRow): EscrowVersionsV1['versions'][number] {
  const reportScan = scanOf(row, 'report_');
  return {
    version: row.version,
    ...inputOf(row),
    enteredBy: row.entered_by,
    enteredAt: new Date(row.entered_at).toISOString(),
    withdrawnAt: iso(row.withdrawn_at),
    submittedAt: iso(row.submitted_at),
    commitmentLetterScan: scanOf(row, 'scan_'),
    correction:
      row.correction_reason !== null && reportScan
        ? { reason: row.correction_reason, documentNumber: row.correction_document_number ?? '', reportScan }
        : null,
  };
}

/** A backfilled permit (p_*) of the list with its record's columns (null without a record). */
export interface ListRow extends RecordRow {
  p_presale_number: string;
  p_region_code: string;
  p_project_name: string;
  developer_name: string;
  issue_date: string;
  has_record: boolean;
}
