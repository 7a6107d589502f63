import { Injectable } from '@nestjs/common';
import {
  MARKING_PROJECT_CODE,
  MarkingCorrectionRequestV1,
  MarkingCorrectionResultV1,
  MarkingEvents,
  PermitsEvents,
  Principal,
  ProjectTypedV1,
  RecordCorrectedV1,
} from '@hn/messages';
import { ScanStaging } from '@hn/documents';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertRegionsAllowed, assertStaff, CORRECTOR } from '@hn/auth';
import { PERMITS_EVENT_SOURCE } from './marking-events';
import { loadProjects, toMarkedProject } from './marking-projects';
import { MarkingRepository } from './marking.repository';
import { MarkingErrors } from './marking.exception';

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
    private readonly repository: MarkingRepository,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async correct(principal: Principal, body: MarkingCorrectionRequestV1): Promise<MarkingCorrectionResultV1> {
    assertStaff(principal, CORRECTOR);
    // the fields and the scan reference: MarkingCorrectionRequest, applied (and trimmed) by @RpcHandler(Rpc.markingCorrect)
    const { projectCode, projectType, report } = body;
    const value = { projectCode, projectType, ...report };
    const codeRegion = MARKING_PROJECT_CODE.exec(value.projectCode)![1]!;
    assertRegionsAllowed(principal, 'projectCode', [{ key: value.projectCode, regionCode: codeRegion }]);
    // read and re-check the staged bytes before the transaction (no network wait under the lock)
    const bytes = await this.staging.take(value.scan, 'scan');
    return this.dataSource.transaction(async (m) => {
      await this.repository.lockProjects(m, [value.projectCode]);
      const [project] = await loadProjects(this.repository, m, principal, [value.projectCode]);
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
      const previous = await this.repository.markingRecord(m, value.projectCode);
      const correctionId = randomUUID();
      const before = { projectType: project.project_type, marking: previous };
      const afterBase = {
        projectType: value.projectType,
        reason: value.reason,
        documentNumber: value.documentNumber,
        reportSha256: value.scan.sha256,
      };
      const correctedAt = await this.repository.insertCorrection(m, {
        correctionId,
        projectCode: value.projectCode,
        previousType: project.project_type,
        projectType: value.projectType,
        before,
        after: { ...afterBase, correctedBy: principal.id },
        reason: value.reason,
        documentNumber: value.documentNumber,
        scan: bytes,
        sha256: value.scan.sha256,
        contentType: value.scan.contentType,
        size: value.scan.size,
        fileName: value.scan.fileName,
        correctedBy: principal.id,
      });
      await this.repository.applyCorrection(m, value.projectCode, value.projectType, principal.id, correctedAt);

      const permits = await this.repository.permitsOfProjects(m, [value.projectCode]);
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
