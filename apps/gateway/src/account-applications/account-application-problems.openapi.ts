import { applyDecorators } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import { ROLE_FORBIDDEN } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { problemExample } from '../openapi/problem-example.builders';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { StaffErrors } from '../staff/staff.exception';
import { ApplicationErrors } from './account-application.exception';

const ID = '3c6f8a2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b';

const INVALID = problemExample(
  ApplicationErrors.invalid([
    {
      field: 'persons[0].idNumber',
      reason:
        '身份证号无效：须为 18 位、出生日期真实且校验位正确（GB 11643）(invalid resident ID number: length, birth date or check digit)',
    },
    { field: 'persons[1].mobile', reason: '同一手机号重复填报 (the same mobile twice)' },
  ]),
);

const roleForbidden = (roles: string) => ({
  code: ROLE_FORBIDDEN,
  detail: `此操作仅限 ${roles.replace(/ or /g, '、')} 角色的工作人员 (requires staff role ${roles})`,
});

/** The errors of every account-application route: 401, 403 (role, one-time password), 404, 429. */
function common(roles: string, notFound: boolean): MethodDecorator {
  return applyDecorators(
    ApiProblems(401, 429),
    ApiProblemExamples(403, '角色不符或须先修改初始密码 Role forbidden, or the one-time password must be changed', {
      role: roleForbidden(roles),
      passwordChange: problemExample(StaffErrors.passwordChangeRequired()),
      ...(roles === 'CITY' ? { region: problemExample(ApplicationErrors.countyOutsideCity('430102', '430200')) } : {}),
    }),
    ...(notFound
      ? [
          ApiProblemExamples(404, '不存在或不在本人区划内 Not found (or another city’s)', {
            notFound: problemExample(ApplicationErrors.notFound(ID)),
          }),
        ]
      : []),
  );
}

/** Create / change a draft (CITY): 400 field list, 403 REGION_FORBIDDEN, 409 when no longer editable. */
export function ApiDraftProblems(existing: boolean): MethodDecorator {
  return applyDecorators(
    common('CITY', existing),
    ApiProblemExamples(400, '申请表有误 Invalid form', { invalid: INVALID }),
    ...(existing
      ? [
          ApiProblemExamples(409, '已报送或已批准 Not editable', {
            notEditable: problemExample(ApplicationErrors.notEditable('SUBMITTED')),
          }),
        ]
      : []),
  );
}

export function ApiSubmitProblems(): MethodDecorator {
  return applyDecorators(
    common('CITY', true),
    ApiProblemExamples(409, '已报送或已批准 Not editable', {
      notEditable: problemExample(ApplicationErrors.notEditable('APPROVED')),
    }),
  );
}

export function ApiReviewProblems(withBody: boolean): MethodDecorator {
  return applyDecorators(
    common('PROVINCE or ADMIN', true),
    ...(withBody
      ? [
          ApiProblemExamples(400, '缺少退回原因 Reason required', {
            invalid: problemExample(ApplicationErrors.invalid([{ field: 'reason', reason: '必填 (required)' }])),
          }),
        ]
      : []),
    ApiProblemExamples(409, '不是已报送状态 Not submitted', {
      notSubmitted: problemExample(ApplicationErrors.notSubmitted('DRAFT')),
    }),
  );
}

export function ApiReadProblems(notFound: boolean): MethodDecorator {
  return applyDecorators(
    common('PROVINCE or CITY or ADMIN', notFound),
    ApiProblemExamples(400, '参数无效 Invalid query', {
      invalid: problemExample(
        DomainException.validation([
          { field: 'state', reason: 'state 须为 DRAFT、SUBMITTED、APPROVED 或 RETURNED (unknown state)' },
        ]),
      ),
    }),
  );
}
