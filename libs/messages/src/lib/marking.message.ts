import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_TYPES, ProjectType } from './permits';
import { FieldRule } from './validation/field-rule';
import { EachItem, permitNumberItemReason, TrimEach } from './validation/submission-constraints';

/**
 * 存量预售项目标记 request bodies as message classes: the gateway validates the HTTP body with them
 * (422 INCOMPLETE_SUBMISSION, OpenAPI generated from them) and the permits service validates the RPC
 * payload with them again. Region scope and project state need data: they stay in the service.
 */

/** At most this many permit numbers in one batch or submit. */
export const MAX_MARKING_PERMITS = 1000;
const PERMIT_EXAMPLE = '430223202406200101';
const TYPE_REASON =
  '项目类型须为 PRESALE（预售商品房）、CURRENT_SALE（现售商品房）或 OTHER（其它）(PRESALE|CURRENT_SALE|OTHER)';

function permitListReason(value: unknown): string | null {
  if (value === undefined || value === null) return '必填 (required)';
  if (!Array.isArray(value)) return '须为施工许可证编号数组 (must be an array of permit numbers)';
  if (value.length < 1 || value.length > MAX_MARKING_PERMITS)
    return `须列出 1–${MAX_MARKING_PERMITS} 个施工许可证编号 (1..${MAX_MARKING_PERMITS} permit numbers)`;
  return null;
}

/** The list once (required, array, 1..1000), else each bad or repeated number on its own path. */
function PermitNumbers(): PropertyDecorator {
  return applyDecorators(
    TrimEach(),
    FieldRule('permitNumbers', permitListReason),
    EachItem('permitNumberItems', permitNumberItemReason),
  );
}

/** PRESALE / CURRENT_SALE / OTHER, required. */
export function projectTypeReason(value: unknown): string | null {
  if (value === undefined || value === null) return '必填 (required)';
  return (PROJECT_TYPES as readonly unknown[]).includes(value) ? null : TYPE_REASON;
}

/** Body of POST /api/v1/supervision/marking/batch (批量标记). */
export class MarkingBatchRequest {
  @ApiProperty({
    example: [PERMIT_EXAMPLE, '430223202406200201'],
    type: [String],
    minItems: 1,
    maxItems: MAX_MARKING_PERMITS,
    description: '勾选的施工许可证编号（不重复）；标记的是其所属工改项目',
  })
  @PermitNumbers()
  permitNumbers!: string[];

  @ApiProperty({
    enum: PROJECT_TYPES,
    example: 'PRESALE',
    description: '预售商品房 PRESALE / 现售商品房 CURRENT_SALE / 其它 OTHER',
  })
  @FieldRule('projectType', projectTypeReason)
  projectType!: ProjectType;
}

/** Body of POST /api/v1/supervision/marking/submit (提交). */
export class MarkingSubmitRequest {
  @ApiProperty({
    example: [PERMIT_EXAMPLE],
    type: [String],
    minItems: 1,
    maxItems: MAX_MARKING_PERMITS,
    description: '要提交锁定的施工许可证编号（其项目须已标记为草稿；全部成功或全部不提交）',
  })
  @PermitNumbers()
  permitNumbers!: string[];
}
