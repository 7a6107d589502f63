import { Injectable } from '@nestjs/common';
import { assertRegionAllowed } from '@hn/auth';
import { ApprovalProjectRegistrationV1, ApprovalProjectV1, ErrorCode, Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { currentCorrelationId } from '@hn/observability';
import { DataSource } from 'typeorm';
import { ConstructionPermitsRepository } from '../construction-permits/construction-permits.repository';
import { Project } from '../construction-permits/entities/project.entity';
import { MarkingRepository } from '../marking/marking.repository';
import { ApprovalErrors } from './approval.exception';
import { ApprovalRepository } from './approval.repository';

/**
 * 工改系统报建: the approval system registers a 社会投资类 project with its type (预售/现售/其它). The type
 * may change until the project's first stage 2–4 item (the permit application), then 409 TYPE_LOCKED.
 * A new or changed type publishes hn.permits.project.typed.v1 through the marking's producer.
 */
@Injectable()
export class ApprovalProjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ApprovalRepository,
    private readonly permits: ConstructionPermitsRepository,
    private readonly marking: MarkingRepository,
  ) {}

  /** `body` was validated with ApprovalProjectRegistration by @RpcHandler(Rpc.approvalProjectRegister). */
  async register(principal: Principal, body: ApprovalProjectRegistrationV1): Promise<ApprovalProjectV1> {
    assertRegionAllowed(principal, body.regionCode, { field: 'regionCode' });
    if (principal.sandbox === true)
      throw new DomainException(
        403,
        ErrorCode.SANDBOX_FORBIDDEN,
        '联调测试凭据不能报建正式项目 (sandbox credentials cannot register projects)',
      );
    return this.dataSource.transaction(async (m) => {
      await this.repository.lockProject(m, body.projectCode);
      const existing = await this.repository.project(m, body.projectCode);
      if (existing) assertRegionAllowed(principal, existing.region_code, { field: 'projectCode' });
      const typeChanged = (existing?.project_type ?? null) !== body.projectType;
      if (existing?.type_locked_at && typeChanged)
        throw ApprovalErrors.typeLocked(body.projectCode, new Date(existing.type_locked_at).toISOString());
      if (existing && typeChanged && (await this.permits.isMarkingSubmitted(m, body.projectCode)))
        throw ApprovalErrors.typeLocked(body.projectCode, '存量标记提交');
      const values = {
        projectCode: body.projectCode,
        name: body.projectName,
        regionCode: body.regionCode,
        category: body.category,
        developerName: body.developer.name,
        developerCreditCode: body.developer.creditCode,
        projectType: body.projectType,
      };
      const changed =
        !existing ||
        existing.name !== values.name ||
        existing.region_code !== values.regionCode ||
        existing.category !== values.category ||
        existing.developer_name !== values.developerName ||
        existing.developer_credit_code !== values.developerCreditCode ||
        typeChanged;
      const projects = m.getRepository(Project);
      if (changed) await projects.save(projects.create(values));
      await this.repository.markRegistered(m, body.projectCode, principal.id);
      if (typeChanged)
        await this.marking.enqueueProjectTyped(
          m,
          [
            {
              projectCode: body.projectCode,
              projectName: body.projectName,
              regionCode: body.regionCode,
              previousType: (existing?.project_type as ApprovalProjectV1['projectType'] | null) ?? null,
              projectType: body.projectType,
              permitNumbers: await this.permits.permitNumbersOfProject(m, body.projectCode),
            },
          ],
          currentCorrelationId(),
        );
      return {
        projectCode: body.projectCode,
        projectName: body.projectName,
        regionCode: body.regionCode,
        category: body.category,
        projectType: body.projectType,
        typeLockedAt: existing?.type_locked_at ? new Date(existing.type_locked_at).toISOString() : null,
        outcome: !existing || !existing.registered ? 'created' : changed ? 'updated' : 'unchanged',
      };
    });
  }
}
