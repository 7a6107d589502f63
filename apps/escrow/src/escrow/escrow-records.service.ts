import { Injectable } from '@nestjs/common';
import {
  EscrowCommitmentLetterRequestV1,
  EscrowCorrectionRequestV1,
  EscrowCorrectionResultV1,
  EscrowEvents,
  EscrowPutRequestV1,
  EscrowPutResultV1,
  EscrowRecordedV1,
  EscrowRecordInputV1,
  EscrowSubmitRequestV1,
  EscrowSubmitResultV1,
  EscrowWithdrawRequestV1,
  EscrowWithdrawResultV1,
  FieldError,
  Principal,
  RecordCorrectedV1,
  ScanRefV1,
} from '@hn/messages';
import { assertRegionAllowed, assertStaff, CORRECTOR, regionOf } from '@hn/auth';
import { ScanStaging } from '@hn/documents';
import { chinaToday, parsePresaleNumber } from '@hn/numbering';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { EscrowErrors } from './escrow.errors';
import { RECORD_COLUMNS, RECORD_FROM, RecordRow, rowToRecord } from './escrow-row';
import { sameInput, validateCorrectionReport, validateEscrowInput } from './escrow-record.validator';

export const MAX_SUBMIT_PERMITS = 100;
const SOURCE = '/hn/escrow';

interface Presale {
  region_code: string;
  issue_date: string;
}

interface NewVersion {
  input: EscrowRecordInputV1;
  commitmentLetterScanId: string | null;
  correction?: { reason: string; documentNumber: string; reportScanId: string };
}

/**
 * 补录预售资金监管信息: per backfilled presale permit, versioned DRAFTs entered by staff (with the
 * commitment letter scan), 撤回 (undo the caller's last version), 提交 (lock +
 * hn.escrow.record.recorded.v1) and audited ADMIN corrections of submitted records
 * (hn.escrow.record.corrected.v1). Every change is one transaction under a per-permit advisory
 * lock; versions are kept and never renumbered; scans are stored in the same transaction.
 */
@Injectable()
export class EscrowRecordsService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly dataSource: DataSource,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async put(principal: Principal, body: EscrowPutRequestV1): Promise<EscrowPutResultV1> {
    assertStaff(principal);
    const presaleNumber = this.checkNumber(principal, body?.presaleNumber);
    const input = this.checkInput(body?.record);
    return this.dataSource.transaction(async (m) => {
      await this.lock(m, [presaleNumber]);
      const presale = await this.loadPresale(m, principal, presaleNumber);
      this.checkAgainstPresale(input, presale);
      const current = await this.load(m, presaleNumber);
      if (current?.state === 'SUBMITTED') throw EscrowErrors.locked([presaleNumber]);
      if (current && sameInput(rowToRecord(current), input))
        return { outcome: 'unchanged', record: rowToRecord(current) };
      // the letter's scan stays with the record while it says there is a letter
      const scanId = input.commitmentLetter ? (current?.commitment_letter_scan_id ?? null) : null;
      await this.writeVersion(m, principal, presaleNumber, presale.region_code, {
        input,
        commitmentLetterScanId: scanId,
      });
      return { outcome: current ? 'updated' : 'created', record: rowToRecord((await this.load(m, presaleNumber))!) };
    });
  }

  /** 承诺函扫描件: stored with a new version (commitmentLetter = true) of an unsubmitted record. */
  async commitmentLetter(principal: Principal, body: EscrowCommitmentLetterRequestV1): Promise<EscrowPutResultV1> {
    assertStaff(principal);
    const presaleNumber = this.checkNumber(principal, body?.presaleNumber);
    const check = async (m: EntityManager): Promise<{ presale: Presale; current: RecordRow }> => {
      const presale = await this.loadPresale(m, principal, presaleNumber);
      const current = await this.load(m, presaleNumber);
      if (!current) throw EscrowErrors.notFound([presaleNumber]);
      if (current.state === 'SUBMITTED') throw EscrowErrors.locked([presaleNumber]);
      return { presale, current };
    };
    // cheap checks first, then the (up to 20 MB) staged bytes, then everything again under the lock
    await check(this.dataSource.manager);
    const bytes = await this.staging.take(body.scan, 'scan');
    return this.dataSource.transaction(async (m) => {
      await this.lock(m, [presaleNumber]);
      const { presale, current } = await check(m);
      const record = rowToRecord(current);
      if (record.commitmentLetter && record.commitmentLetterScan?.sha256 === body.scan.sha256)
        return { outcome: 'unchanged', record };
      const scanId = await this.storeScan(m, principal, presaleNumber, 'COMMITMENT_LETTER', body.scan, bytes);
      const {
        presaleNumber: _n,
        regionCode: _r,
        projectName: _p,
        state: _s,
        version: _v,
        enteredBy: _e,
        updatedAt: _u,
        commitmentLetterScan: _c,
        ...input
      } = record;
      await this.writeVersion(m, principal, presaleNumber, presale.region_code, {
        input: { ...input, commitmentLetter: true },
        commitmentLetterScanId: scanId,
      });
      return { outcome: 'updated', record: rowToRecord((await this.load(m, presaleNumber))!) };
    });
  }

  /** 撤回: the previous live version becomes current again, or the record goes when there is none. */
  async withdraw(principal: Principal, body: EscrowWithdrawRequestV1): Promise<EscrowWithdrawResultV1> {
    assertStaff(principal);
    const presaleNumber = this.checkNumber(principal, body?.presaleNumber);
    return this.dataSource.transaction(async (m) => {
      await this.lock(m, [presaleNumber]);
      const current = await this.load(m, presaleNumber);
      if (!current) throw EscrowErrors.nothingToWithdraw(presaleNumber);
      assertRegionAllowed(principal, current.region_code, {
        what: `预售许可证 ${presaleNumber}`,
        field: 'presaleNumber',
      });
      if (current.state === 'SUBMITTED') throw EscrowErrors.locked([presaleNumber]);
      if (current.entered_by !== principal.id) throw EscrowErrors.notOwnVersion(current.entered_by);
      await m.query(
        `UPDATE escrow_record_version SET withdrawn_at = now(), withdrawn_by = $3 WHERE presale_number = $1 AND version = $2`,
        [presaleNumber, current.version, principal.id],
      );
      const restored = (await m.query(
        `UPDATE escrow_record e SET capital_guarantee_fen = v.capital_guarantee_fen, commitment_letter = v.commitment_letter, commitment_letter_scan_id = v.commitment_letter_scan_id,
           fund_supervision = v.fund_supervision, bank = v.bank, account = v.account, balance_fen = v.balance_fen, balance_as_of = v.balance_as_of,
           version = v.version, entered_by = v.entered_by, updated_at = now()
         FROM (SELECT * FROM escrow_record_version WHERE presale_number = $1 AND version < $2 AND withdrawn_at IS NULL ORDER BY version DESC LIMIT 1) v
         WHERE e.presale_number = $1 RETURNING e.version`,
        [presaleNumber, current.version],
      )) as [unknown[], number];
      if (restored[1] === 0) {
        await m.query(`DELETE FROM escrow_record WHERE presale_number = $1`, [presaleNumber]);
        return { presaleNumber, withdrawnVersion: current.version, outcome: 'REMOVED', record: null };
      }
      return {
        presaleNumber,
        withdrawnVersion: current.version,
        outcome: 'RESTORED',
        record: rowToRecord((await this.load(m, presaleNumber))!),
      };
    });
  }

  /** 提交: every listed record must be a complete DRAFT; all are locked and published together, or none. */
  async submit(principal: Principal, body: EscrowSubmitRequestV1): Promise<EscrowSubmitResultV1> {
    assertStaff(principal);
    const raw: unknown[] = Array.isArray(body?.presaleNumbers) ? body.presaleNumbers : [];
    const errors: FieldError[] = [];
    if (raw.length < 1 || raw.length > MAX_SUBMIT_PERMITS)
      errors.push({
        field: 'presaleNumbers',
        reason: `须列出 1–${MAX_SUBMIT_PERMITS} 个预售许可证号 (1..${MAX_SUBMIT_PERMITS} presale numbers)`,
      });
    raw.forEach((n, i) => {
      if (typeof n !== 'string' || parsePresaleNumber(n) === null)
        errors.push({ field: `presaleNumbers[${i}]`, reason: '预售许可证编号格式无效 (invalid presale number)' });
    });
    if (new Set(raw).size !== raw.length)
      errors.push({ field: 'presaleNumbers', reason: '预售许可证号不能重复 (must be distinct)' });
    if (errors.length > 0) throw EscrowErrors.incomplete(errors);
    const numbers = [...(raw as string[])].sort();
    numbers.forEach((n) =>
      assertRegionAllowed(principal, regionOf(n), {
        what: `预售许可证 ${n}`,
        field: `presaleNumbers[${raw.indexOf(n)}]`,
      }),
    );
    return this.dataSource.transaction(async (m) => {
      await this.lock(m, numbers);
      const rows: RecordRow[] = await m.query(
        `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE e.presale_number = ANY($1::text[]) ORDER BY e.presale_number`,
        [numbers],
      );
      const missing = numbers.filter((n) => !rows.some((r) => r.presale_number === n));
      if (missing.length > 0) throw EscrowErrors.notFound(missing);
      for (const row of rows)
        assertRegionAllowed(principal, row.region_code, {
          what: `预售许可证 ${row.presale_number}`,
          field: `presaleNumbers[${raw.indexOf(row.presale_number)}]`,
        });
      const locked = rows.filter((r) => r.state === 'SUBMITTED').map((r) => r.presale_number);
      if (locked.length > 0) throw EscrowErrors.locked(locked);
      const withoutLetter = rows.filter((r) => r.commitment_letter && r.commitment_letter_scan_id === null);
      if (withoutLetter.length > 0) {
        throw EscrowErrors.incomplete(
          withoutLetter.map((r) => ({
            field: `presaleNumbers[${raw.indexOf(r.presale_number)}]`,
            reason: `${r.presale_number}: 已选择承诺函，请先上传承诺函扫描件 (commitment letter scan missing)`,
          })),
        );
      }
      await m.query(
        `UPDATE escrow_record SET state = 'SUBMITTED', submitted_at = now(), submitted_by = $2, updated_at = now() WHERE presale_number = ANY($1::text[])`,
        [numbers, principal.id],
      );
      await m.query(
        `UPDATE escrow_record_version v SET submitted_at = now() FROM escrow_record e WHERE e.presale_number = ANY($1::text[]) AND v.presale_number = e.presale_number AND v.version = e.version`,
        [numbers],
      );
      const submitted: RecordRow[] = await m.query(
        `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE e.presale_number = ANY($1::text[]) ORDER BY e.presale_number`,
        [numbers],
      );
      const records = submitted.map(rowToRecord);
      for (const record of records) {
        await enqueueEvent<EscrowRecordedV1>(m, {
          source: SOURCE,
          type: EscrowEvents.recordRecorded,
          subject: record.presaleNumber,
          data: { record },
          correlationId: currentCorrelationId(),
        });
      }
      return { records };
    });
  }

  /** 更正 (ADMIN, 书面报告): a new version of a SUBMITTED record, still locked; the report scan kept with it. */
  async correct(principal: Principal, body: EscrowCorrectionRequestV1): Promise<EscrowCorrectionResultV1> {
    assertStaff(principal, CORRECTOR);
    const presaleNumber = this.checkNumber(principal, body?.presaleNumber);
    const { value, errors } = validateEscrowInput(body?.record, chinaToday());
    const all = [
      ...errors.map((e) => ({ ...e, field: `record.${e.field}` })),
      ...validateCorrectionReport(body?.report),
    ];
    if (!value || all.length > 0) throw EscrowErrors.incomplete(all);
    const report = body.report;
    const check = async (m: EntityManager): Promise<{ presale: Presale; current: RecordRow }> => {
      const presale = await this.loadPresale(m, principal, presaleNumber);
      this.checkAgainstPresale(value, presale, 'record.');
      const current = await this.load(m, presaleNumber);
      if (!current) throw EscrowErrors.notFound([presaleNumber]);
      if (current.state !== 'SUBMITTED') throw EscrowErrors.notSubmitted(presaleNumber);
      return { presale, current };
    };
    await check(this.dataSource.manager);
    const bytes = await this.staging.take(report.scan, 'scan');
    return this.dataSource.transaction(async (m) => {
      await this.lock(m, [presaleNumber]);
      const { presale, current } = await check(m);
      const before = rowToRecord(current);
      const reportScanId = await this.storeScan(m, principal, presaleNumber, 'CORRECTION_REPORT', report.scan, bytes);
      const scanId = value.commitmentLetter ? current.commitment_letter_scan_id : null;
      await this.writeVersion(m, principal, presaleNumber, presale.region_code, {
        input: value,
        commitmentLetterScanId: scanId,
        correction: { reason: report.reason.trim(), documentNumber: report.documentNumber.trim(), reportScanId },
      });
      const after = rowToRecord((await this.load(m, presaleNumber))!);
      await enqueueEvent<RecordCorrectedV1>(m, {
        source: SOURCE,
        type: EscrowEvents.recordCorrected,
        subject: presaleNumber,
        data: {
          recordType: 'ESCROW',
          recordKey: presaleNumber,
          regionCode: after.regionCode,
          reason: report.reason.trim(),
          documentNumber: report.documentNumber.trim(),
          reportSha256: report.scan.sha256,
          correctedBy: principal.id,
          correctedAt: after.updatedAt,
          before,
          after,
        },
        correlationId: currentCorrelationId(),
      });
      return { record: after, previousVersion: before.version };
    });
  }

  /**
   * Appends the next version and makes it current. A correction keeps the record SUBMITTED and its
   * version is marked submitted at once; other versions are drafts.
   */
  private async writeVersion(
    m: EntityManager,
    principal: Principal,
    presaleNumber: string,
    regionCode: string,
    v: NewVersion,
  ): Promise<void> {
    const i = v.input;
    const [{ version }] = (await m.query(
      `INSERT INTO escrow_record_version (presale_number, version, capital_guarantee_fen, commitment_letter, commitment_letter_scan_id, fund_supervision, bank, account,
         balance_fen, balance_as_of, entered_by, submitted_at, correction_reason, correction_document_number, correction_report_scan_id)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11::text IS NULL THEN NULL ELSE now() END, $11, $12, $13
       FROM escrow_record_version WHERE presale_number = $1
       RETURNING version`,
      [
        presaleNumber,
        i.capitalGuaranteeAmount,
        i.commitmentLetter,
        v.commitmentLetterScanId,
        i.fundSupervision,
        i.bank,
        i.account,
        i.balance,
        i.balanceAsOf,
        principal.id,
        v.correction?.reason ?? null,
        v.correction?.documentNumber ?? null,
        v.correction?.reportScanId ?? null,
      ],
    )) as Array<{ version: number }>;
    await m.query(
      `INSERT INTO escrow_record AS e (presale_number, region_code, capital_guarantee_fen, commitment_letter, commitment_letter_scan_id, fund_supervision, bank, account, balance_fen, balance_as_of, version, entered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (presale_number) DO UPDATE SET region_code = EXCLUDED.region_code, capital_guarantee_fen = EXCLUDED.capital_guarantee_fen, commitment_letter = EXCLUDED.commitment_letter,
         commitment_letter_scan_id = EXCLUDED.commitment_letter_scan_id, fund_supervision = EXCLUDED.fund_supervision, bank = EXCLUDED.bank, account = EXCLUDED.account,
         balance_fen = EXCLUDED.balance_fen, balance_as_of = EXCLUDED.balance_as_of, version = EXCLUDED.version, entered_by = EXCLUDED.entered_by, updated_at = now()`,
      [
        presaleNumber,
        regionCode,
        i.capitalGuaranteeAmount,
        i.commitmentLetter,
        v.commitmentLetterScanId,
        i.fundSupervision,
        i.bank,
        i.account,
        i.balance,
        i.balanceAsOf,
        version,
        principal.id,
      ],
    );
  }

  private async storeScan(
    m: EntityManager,
    principal: Principal,
    presaleNumber: string,
    kind: 'COMMITMENT_LETTER' | 'CORRECTION_REPORT',
    ref: ScanRefV1,
    bytes: Buffer,
  ): Promise<string> {
    const [{ id }] = (await m.query(
      `INSERT INTO escrow_scan (presale_number, kind, sha256, content_type, size, file_name, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
      [presaleNumber, kind, ref.sha256, ref.contentType, bytes.byteLength, ref.fileName, bytes, principal.id],
    )) as Array<{ id: string }>;
    return id;
  }

  private checkNumber(principal: Principal, presaleNumber: unknown): string {
    if (typeof presaleNumber !== 'string' || parsePresaleNumber(presaleNumber) === null)
      throw EscrowErrors.invalidNumber(presaleNumber);
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    return presaleNumber;
  }

  private checkInput(record: unknown): EscrowRecordInputV1 {
    const { value, errors } = validateEscrowInput(record, chinaToday());
    if (!value) throw EscrowErrors.incomplete(errors);
    return value;
  }

  private checkAgainstPresale(input: EscrowRecordInputV1, presale: Presale, prefix = ''): void {
    if (input.balanceAsOf < presale.issue_date) {
      throw EscrowErrors.incomplete([
        {
          field: `${prefix}balanceAsOf`,
          reason: `余额日期不能早于预售许可证发证日期 ${presale.issue_date} (not before the presale permit's issue date)`,
        },
      ]);
    }
  }

  private async loadPresale(m: EntityManager, principal: Principal, presaleNumber: string): Promise<Presale> {
    const rows: Presale[] = await m.query(
      `SELECT region_code, to_char(issue_date, 'YYYY-MM-DD') AS issue_date FROM presale_replica WHERE presale_number = $1`,
      [presaleNumber],
    );
    if (!rows[0]) throw EscrowErrors.presaleNotFound(presaleNumber);
    assertRegionAllowed(principal, rows[0].region_code, {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    return rows[0];
  }

  /** Serialises changes of the same records (numbers sorted: concurrent submits cannot deadlock). */
  private async lock(m: EntityManager, presaleNumbers: string[]): Promise<void> {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('escrow:' || n, 17)) FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i`,
      [[...presaleNumbers].sort()],
    );
  }

  private async load(m: EntityManager, presaleNumber: string): Promise<RecordRow | undefined> {
    const rows: RecordRow[] = await m.query(
      `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE e.presale_number = $1`,
      [presaleNumber],
    );
    return rows[0];
  }
}
