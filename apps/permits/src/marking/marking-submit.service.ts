import { Injectable } from '@nestjs/common';
import { MarkingSubmitRequestV1, MarkingSubmitResultV1, Principal, ProjectType } from '@hn/messages';
import { currentCorrelationId } from '@hn/observability';
import { DataSource } from 'typeorm';
import { assertStaff } from '@hn/auth';
import { checkMarkingSubmit } from './marking-access';
import { lockUnsubmittedProjects, toMarkedProject } from './marking-projects';
import { MarkingRepository } from './marking.repository';
import { MarkingErrors } from './marking.exception';

/**
 * 提交: locks the DRAFT markings of the permits' projects, all or none. Only now does the project's
 * type (project.project_type) change and hn.permits.project.typed.v1 go out, one per project, in
 * the same transaction (outbox); the presale replica and the gateway's permit cache follow it.
 */
@Injectable()
export class MarkingSubmitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MarkingRepository,
  ) {}

  async submit(principal: Principal, body: MarkingSubmitRequestV1): Promise<MarkingSubmitResultV1> {
    assertStaff(principal);
    const numbers = await checkMarkingSubmit(principal, body);
    return this.dataSource.transaction(async (m) => {
      const { codes, projects } = await lockUnsubmittedProjects(this.repository, m, principal, numbers);
      const unmarked = projects.filter((p) => p.state !== 'DRAFT').map((p) => p.project_code);
      if (unmarked.length > 0) throw MarkingErrors.unmarked(unmarked);

      await this.repository.submit(m, codes, principal.id);
      const permits = await this.repository.permitsOfProjects(m, codes);
      const submitted = projects.map((p) =>
        toMarkedProject(p, p.project_type, p.marked_type as ProjectType, 'SUBMITTED', permits),
      );
      await this.repository.enqueueProjectTyped(
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
