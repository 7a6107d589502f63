import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ROLE_FORBIDDEN } from '../auth/auth.decorators';
import { AccountErrorCode } from './accounts.exception';

const example = (status: number, code: string, title: string, detail: string) => ({
  'application/problem+json': {
    schema: { $ref: '#/components/schemas/ProblemDto' },
    example: {
      type: `https://presale.hunan.gov.cn/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title,
      status,
      code,
      detail,
    },
  },
});

/** 403 ROLE_FORBIDDEN (ADMIN only), 404 ACCOUNT_NOT_FOUND and 409 ACCOUNT_DELETED / OWN_ACCOUNT. */
export function ApiAccountProblems(options: { notFound?: boolean; conflict?: boolean } = {}): MethodDecorator {
  const decorators = [
    ApiResponse({
      status: 403,
      description: '仅限 ADMIN 角色 ADMIN only',
      content: example(
        403,
        ROLE_FORBIDDEN,
        '无权访问 Forbidden',
        '此操作仅限 ADMIN 角色的工作人员 (requires staff role ADMIN)',
      ),
    }),
  ];
  if (options.notFound)
    decorators.push(
      ApiResponse({
        status: 404,
        description: '账号不存在 Account not found',
        content: example(
          404,
          AccountErrorCode.ACCOUNT_NOT_FOUND,
          '不存在 Not found',
          '集成方凭据 hn_x 不存在 (integrator credential not found)',
        ),
      }),
    );
  if (options.conflict) {
    decorators.push(
      ApiResponse({
        status: 409,
        description:
          '账号已删除（ACCOUNT_DELETED）或不能停用、删除自己（OWN_ACCOUNT）Deleted account, or your own account',
        content: example(
          409,
          AccountErrorCode.ACCOUNT_DELETED,
          '冲突 Conflict',
          '集成方凭据 hn_x 已删除，不能再更改 (account deleted; it cannot be changed any more)',
        ),
      }),
    );
  }
  return applyDecorators(...decorators);
}
