import { Injectable } from '@nestjs/common';
import {
  FieldError,
  MarkingCorrectionRequestV1,
  MarkingCorrectionResultV1,
  MarkingEvents,
  PermitsEvents,
  Principal,
  ProjectType,
  ProjectTypedV1,
  RecordCorrectedV1,
  ScanRefV1,
} from '@hn/messages';
import { correctionReportErrors, isScanRef, ScanStaging } from '@hn/documents';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertRegionsAllowed, assertStaff, CORRECTOR } from '@hn/auth';
import { checkProjectType, PROJECT_CODE } from './marking-access';
import { PERMITS_EVENT_SOURCE } from './marking-events';
import { loadProjects, lockProjects, permitsOfProjects, toMarkedProject } from './marking-sql';
import { MarkingErrors } from './marking.errors';

interface CheckedCorrection {
  projectCode: string;
  projectType: ProjectType;
  reason: string;
  documentNumber: string;
  scan: ScanRefV1;
}

/** Field problems of a correction request (all at once), else the trimmed values. */
export function checkCorrection(body: MarkingCorrectionRequestV1 | undefined): {
  value: CheckedCorrection | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const projectCode = typeof body?.projectCode === 'string' ? body.projectCode.trim() : '';
  if (!PROJECT_CODE.test(projectCode))
    errors.push({
      field: 'projectCode',
      reason: '工改项目编码格式应为 YYYY-43XXXX-NN-NN-NNNNNN (project code format)',
    });
  let projectType: ProjectType | null = null;
  try {
    projectType = checkProjectType(body?.projectType);
  } catch {
    errors.push({
      field: 'projectType',
      reason: '项目类型须为 PRESALE、CURRENT_SALE 或 OTHER (PRESALE|CURRENT_SALE|OTHER)',
    });
  }
  errors.push(...correctionReportErrors(body?.report));
  const reason = typeof body?.report?.reason === 'string' ? body.report.reason.trim() : '';
  const documentNumber = typeof body?.report?.documentNumber === 'string' ? body.report.documentNumber.trim() : '';
  const scan = body?.report?.scan;
  if (!isScanRef(scan))
    errors.push({ field: 'scan', reason: '须附书面报告扫描件 (the written report scan is required)' });
  if (errors.length > 0 || !projectType || !isScanRef(scan)) return { value: null, errors };
  return { value: { projectCode, projectType, reason, documentNumber, scan }, errors };
}

/**
 * 纠错: an ADMIN changes the type of a SUBMITTED marking on a written report (document number + scan).
 * The scan bytes, the correction record (before / after: the previous version is kept) and the new
 * type are written in ONE transaction with hn.permits.project.corrected.v1 and
 * hn.permits.project.typed.v1 in the outbox. The marking stays SUBMITTED (locked).
 */
@Injectable()
export class MarkingCorrectionService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly dataSource: DataSource,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async correct(principal: Principal, body: MarkingCorrectionRequestV1): Promise<MarkingCorrectionResultV1> {
    assertStaff(principal, CORRECTOR);
    const { value, errors } = checkCorrection(body);
    if (!value) throw MarkingErrors.invalid(errors);
    const codeRegion = PROJECT_CODE.exec(value.projectCode)![1]!;
    assertRegionsAllowed(principal, 'projectCode', [{ key: value.projectCode, regionCode: codeRegion }]);
    // read and re-check the staged bytes before the transaction (no network wait under the lock)
    const bytes = await this.staging.take(value.scan, 'scan');
    return this.dataSource.transaction(async (m) => {
      await lockProjects(m, [value.projectCode]);
      const [project] = await loadProjects(m, principal, [value.projectCode]);
      if (!project) throw MarkingErrors.projectNotFound(value.projectCode);
      if (project.state !== 'SUBMITTED') throw MarkingErrors.notSubmitted(value.projectCode);
      if (project.project_type === value.projectType) {
        throw MarkingErrors.invalid([
          {
            field: 'projectType',
            reason: `项目类型已是 ${value.projectType}，无需纠错 (already ${value.projectType})`,
          },
        ]);
      }
      const [previous] = (await m.query(
        `SELECT pm.state, pm.marked_type, pm.marked_by, pm.marked_at, pm.submitted_by, pm.submitted_at, pm.corrected_by, pm.corrected_at FROM project_marking pm WHERE pm.project_code = $1`,
        [value.projectCode],
      )) as Array<Record<string, unknown>>;
      const correctionId = randomUUID();
      const before = { projectType: project.project_type, marking: previous };
      const afterBase = {
        projectType: value.projectType,
        reason: value.reason,
        documentNumber: value.documentNumber,
        reportSha256: value.scan.sha256,
      };
      const [{ corrected_at: correctedAt }] = (await m.query(
        `INSERT INTO project_marking_correction (correction_id, project_code, previous_type, project_type, before, after, reason, document_number,
           report_scan, report_sha256, report_content_type, report_size, report_file_name, corrected_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14)
         RETURNING to_char(corrected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS corrected_at`,
        [
          correctionId,
          value.projectCode,
          project.project_type,
          value.projectType,
          JSON.stringify(before),
          JSON.stringify({ ...afterBase, correctedBy: principal.id }),
          value.reason,
          value.documentNumber,
          bytes,
          value.scan.sha256,
          value.scan.contentType,
          value.scan.size,
          value.scan.fileName,
          principal.id,
        ],
      )) as Array<{ corrected_at: string }>;
      await m.query(`UPDATE project SET project_type = $2, updated_at = now() WHERE project_code = $1`, [
        value.projectCode,
        value.projectType,
      ]);
      await m.query(
        `UPDATE project_marking SET marked_type = $2, corrected_by = $3, corrected_at = $4::timestamptz, updated_at = now() WHERE project_code = $1`,
        [value.projectCode, value.projectType, principal.id, correctedAt],
      );

      const permits = await permitsOfProjects(m, [value.projectCode]);
      const marked = toMarkedProject(project, project.project_type, value.projectType, 'SUBMITTED', permits);
      const correlationId = currentCorrelationId();
      await enqueueEvent<RecordCorrectedV1>(m, {
        source: PERMITS_EVENT_SOURCE,
        type: MarkingEvents.projectCorrected,
        subject: value.projectCode,
        data: {
          recordType: 'PROJECT_MARKING',
          recordKey: value.projectCode,
          regionCode: project.region_code,
          reason: value.reason,
          documentNumber: value.documentNumber,
          reportSha256: value.scan.sha256,
          correctedBy: principal.id,
          correctedAt,
          before,
          after: { projectType: value.projectType },
        },
        correlationId,
      });
      await enqueueEvent<ProjectTypedV1>(m, {
        source: PERMITS_EVENT_SOURCE,
        type: PermitsEvents.projectTyped,
        subject: value.projectCode,
        data: {
          projectCode: marked.projectCode,
          projectName: marked.projectName,
          regionCode: marked.regionCode,
          previousType: marked.previousType,
          projectType: marked.projectType,
          permitNumbers: marked.permitNumbers,
        },
        correlationId,
      });
      return {
        project: marked,
        previousType: project.project_type,
        correctionId,
        correctedAt,
        report: {
          sha256: value.scan.sha256,
          contentType: value.scan.contentType,
          size: value.scan.size,
          fileName: value.scan.fileName,
          uploadedAt: correctedAt,
          documentNumber: value.documentNumber,
          reason: value.reason,
        },
      };
    });
  }
}
