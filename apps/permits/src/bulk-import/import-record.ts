import type { PermitUpsertV1 } from '@hn/messages';

export type ImportFormat = 'csv' | 'json';

/**
 * 一条错误：行号、字段、原因（中文）。
 * row: CSV 为文件中的行号（表头为第 1 行）；JSON 为数组中的序号（从 1 起）；0 表示整个文件的问题。
 * field: 字段名（与导入列名一致），整文件问题为 "file"，表头问题为 "header"。
 */
export interface ImportRowError {
  row: number;
  field: string;
  reason: string;
}

/** Permit-level fields as read from the file (not yet validated). */
export const PERMIT_FIELDS = [
  'permitNumber',
  'projectCode',
  'projectName',
  'regionCode',
  'projectType',
  'category',
  'developerName',
  'developerCreditCode',
  'issueDate',
  'startDate',
  'plannedCompletionDate',
  'fivePartyAcceptanceDate',
  'completionFilingDate',
] as const;
export type PermitField = (typeof PERMIT_FIELDS)[number];

/** Unit-level fields as read from the file. In CSV the unit name column is called `unitName`. */
export const UNIT_FIELDS = ['unitCode', 'name', 'floors', 'floorArea'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

/** One building unit as read from the file (values are strings in CSV, anything in JSON). */
export interface ImportUnitInput {
  /** source row of this unit (CSV line; in JSON the row of the permit) */
  row: number;
  /** JSON path of the unit, e.g. "units[0]", used as error field prefix; '' for CSV (errors name the CSV column) */
  path: string;
  values: Partial<Record<UnitField, unknown>>;
}

/** One permit as read from the file, with its units; validated later by validateImportRecord. */
export interface ImportRecord {
  /** source rows: CSV lines of this permit (header = 1), or the 1-based JSON array position; [0] for a whole-file problem */
  rows: number[];
  /** trimmed permit number text ('' when missing or not text), used for grouping and duplicate detection */
  permitNumber: string;
  values: Partial<Record<PermitField, unknown>>;
  units: ImportUnitInput[];
  /** first row of every OTHER record of the same file carrying the same permit number */
  duplicateRows: number[];
  /** problems found while reading (whole file, column count, inconsistent repeated columns, …) */
  problems: ImportRowError[];
}

export type ImportValidation =
  { ok: true; permitNumber: string; body: PermitUpsertV1 } | { ok: false; errors: ImportRowError[] };

export interface ImportValidationOptions {
  /** ISO date (YYYY-MM-DD) the checks treat as today (permit numbers and acceptance dates may not lie after it) */
  today: string;
}
