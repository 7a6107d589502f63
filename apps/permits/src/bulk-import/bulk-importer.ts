import { Injectable } from '@nestjs/common';
import type { PermitUpsertV1 } from '@hn/messages';
import { chinaToday } from '@hn/numbering';
import type { ImportRecord, ImportRowError } from './import-record';
import { validateImportRecord } from './validate-import-record';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Where valid records go (the permits service's idempotent upsert: an identical body is "unchanged"). */
export interface PermitUpsertPort {
  upsert(permitNumber: string, body: PermitUpsertV1): Promise<UpsertOutcome>;
}

/**
 * 导入报告。total = 记录（许可证）数；valid/invalid = 校验通过/未通过的记录数；
 * created/updated/unchanged = 写入结果（试运行时均为 0）；failed = 校验通过但写入时出错的记录数；
 * errors = 全部错误，按记录顺序。
 */
export interface ImportReport {
  total: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  /** valid records whose upsert threw (their error is in `errors` with field "upsert") */
  failed: number;
  errors: ImportRowError[];
  dryRun: boolean;
}

export interface ImportProgress {
  processed: number;
  total: number;
  report: Readonly<ImportReport>;
}

export interface BulkImportOptions {
  /** validate only; the port is never called */
  dryRun: boolean;
  /** ISO date used by the checks; defaults to today in China Standard Time */
  today?: string;
  /** called after every `progressEvery` records and once at the end */
  onProgress?: (progress: ImportProgress) => void;
  progressEvery?: number;
}

export const DEFAULT_PROGRESS_EVERY = 500;

/**
 * 批量导入施工许可：逐条校验，试运行只校验不写入；否则只把校验通过的记录逐条（顺序）提交给 upsert。
 * 重复运行同一文件不会产生变化（upsert 对相同内容返回 unchanged）。
 */
@Injectable()
export class BulkImporter {
  async run(records: ImportRecord[], options: BulkImportOptions, port: PermitUpsertPort): Promise<ImportReport> {
    const today = options.today ?? chinaToday();
    const every = Math.max(1, options.progressEvery ?? DEFAULT_PROGRESS_EVERY);
    const report: ImportReport = {
      total: records.length,
      valid: 0,
      invalid: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
      dryRun: options.dryRun,
    };
    let processed = 0;
    for (const record of records) {
      const result = validateImportRecord(record, { today });
      if (!result.ok) {
        report.invalid++;
        report.errors.push(...result.errors);
      } else {
        report.valid++;
        if (!options.dryRun) {
          try {
            const outcome = await port.upsert(result.permitNumber, result.body);
            report[outcome]++;
          } catch (error) {
            report.failed++;
            report.errors.push({
              row: record.rows[0],
              field: 'upsert',
              reason: `写入失败 (upsert failed)：${error instanceof Error ? error.message : String(error)}`,
            });
          }
        }
      }
      processed++;
      if (options.onProgress && processed % every === 0) {
        options.onProgress({ processed, total: records.length, report });
      }
    }
    if (options.onProgress && processed % every !== 0) {
      options.onProgress({ processed, total: records.length, report });
    }
    return report;
  }
}
