import { DomainException } from '@hn/errors';
import { ErrorCode, FieldError } from '@hn/messages';
import type { ApplicationState } from './account-application-view';

export const ApplicationErrorCode = {
  APPLICATION_NOT_FOUND: 'APPLICATION_NOT_FOUND',
  APPLICATION_NOT_EDITABLE: 'APPLICATION_NOT_EDITABLE',
  APPLICATION_NOT_SUBMITTED: 'APPLICATION_NOT_SUBMITTED',
} as const;

const STATE_NAMES: Record<ApplicationState, string> = {
  DRAFT: '草稿',
  SUBMITTED: '已报送',
  APPROVED: '已批准',
  RETURNED: '已退回',
};

export const ApplicationErrors = {
  /** Also for another city's application: its existence is not revealed. */
  notFound(id: string): DomainException {
    return new DomainException(
      404,
      ApplicationErrorCode.APPLICATION_NOT_FOUND,
      `账号申请 ${id} 不存在或不在本人的区划范围内 (account application not found)`,
    );
  },
  notEditable(state: ApplicationState): DomainException {
    return new DomainException(
      409,
      ApplicationErrorCode.APPLICATION_NOT_EDITABLE,
      `申请表${STATE_NAMES[state]}，不能再修改或报送；只有草稿和被退回的申请表可以 (only drafts and returned applications can be changed or submitted)`,
    );
  },
  notSubmitted(state: ApplicationState): DomainException {
    return new DomainException(
      409,
      ApplicationErrorCode.APPLICATION_NOT_SUBMITTED,
      `申请表${STATE_NAMES[state]}，只有已报送的申请表可以批准或退回 (only submitted applications can be approved or returned)`,
    );
  },
  countyOutsideCity(countyCode: string, cityCode: string): DomainException {
    return new DomainException(
      403,
      ErrorCode.REGION_FORBIDDEN,
      `县市区 ${countyCode} 不属本市州 ${cityCode}，不能为其填报申请 (the county is not in the caller's city)`,
      [{ field: 'countyCode', reason: `区划 ${countyCode} 不在授权范围 (region ${countyCode} not granted)` }],
    );
  },
  invalid(errors: FieldError[]): DomainException {
    return DomainException.validation(errors, `申请表有 ${errors.length} 处需要更正 (invalid application)`);
  },
};
