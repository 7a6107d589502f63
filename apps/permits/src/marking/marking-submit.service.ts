import { Injectable } from '@nestjs/common';
import { MarkingSubmitRequestV1, MarkingSubmitResultV1, Principal, ProjectType } from '@hn/messages';
import { currentCorrelationId } from '@hn/observability';
import { DataSource } from 'typeorm';
import { assertStaff } from '@hn/auth';
import { checkPermitNumbers } from './marking-access';
import { enqueueProjectTyped } from './marking-events';
import { lockUnsubmittedProjects, permitsOfProjects, toMarkedProject } from './marking-sql';
import { MarkingErrors } from './marking.errors';

/**
 * 提交: locks the DRAFT markings of the permits' projects, all or none. Only now does the project's
 * type (project.project_type) change and hn.permits.project.typed.v1 go out, one per project, in
 * the same transaction (outbox); the presale replica and the gateway's permit cache follow it.
 */
@Injectable()
export class MarkingSubmitService {
  constructor(private readonly dataSource: DataSource) {}

  async submit(principal: Principal, body: MarkingSubmitRequestV1): Promise<MarkingSubmitResultV1> {
    assertStaff(principal);
    const numbers = checkPermitNumbers(principal, body?.permitNumbers);
    return this.dataSource.transaction(async (m) => {
      const { codes, projects } = await lockUnsubmittedProjects(m, principal, numbers);
      const unmarked = projects.filter((p) => p.state !== 'DRAFT').map((p) => p.project_code);
      if (unmarked.length > 0) throw MarkingErrors.unmarked(unmarked);

      await m.query(
        `UPDATE project p SET project_type = pm.marked_type, updated_at = now() FROM project_marking pm WHERE pm.project_code = p.project_code AND p.project_code = ANY($1::text[])`,
        [codes],
      );
      await m.query(
        `UPDATE project_marking SET state = 'SUBMITTED', submitted_by = $2, submitted_at = now(), updated_at = now() WHERE project_code = ANY($1::text[])`,
        [codes, principal.id],
      );
      // steps whose every project is now submitted are done: withdraw passes over them
      await m.query(
        `UPDATE marking_step s SET closed_at = now()
          WHERE s.withdrawn_at IS NULL AND s.closed_at IS NULL
            AND s.step_id IN (SELECT step_id FROM marking_step_project WHERE project_code = ANY($1::text[]))
            AND NOT EXISTS (SELECT 1 FROM marking_step_project sp LEFT JOIN project_marking pm ON pm.project_code = sp.project_code
                             WHERE sp.step_id = s.step_id AND pm.state IS DISTINCT FROM 'SUBMITTED')`,
        [codes],
      );
      const permits = await permitsOfProjects(m, codes);
      const submitted = projects.map((p) =>
        toMarkedProject(p, p.project_type, p.marked_type as ProjectType, 'SUBMITTED', permits),
      );
      await enqueueProjectTyped(
        m,
        submitted.map((p) => ({
          projectCode: p.projectCode,
          projectName: p.projectName,
          regionCode: p.regionCode,
          previousType: p.previousType,
          projectType: p.projectType,
          permitNumbers: p.permitNumbers,
        })),
        currentCorrelationId(),
      );
      return { projects: submitted };
    });
  }
}
