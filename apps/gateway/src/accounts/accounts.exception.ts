import { DomainException } from '@hn/errors';

export const AccountErrorCode = {
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  ACCOUNT_DELETED: 'ACCOUNT_DELETED',
  OWN_ACCOUNT: 'OWN_ACCOUNT',
} as const;

export const AccountErrors = {
  integratorNotFound(clientId: string): DomainException {
    return new DomainException(
      404,
      AccountErrorCode.ACCOUNT_NOT_FOUND,
      `集成方凭据 ${clientId} 不存在 (integrator credential not found)`,
    );
  },
  staffNotFound(username: string): DomainException {
    return new DomainException(
      404,
      AccountErrorCode.ACCOUNT_NOT_FOUND,
      `工作人员账号 ${username} 不存在 (staff account not found)`,
    );
  },
  deleted(what: string): DomainException {
    return new DomainException(
      409,
      AccountErrorCode.ACCOUNT_DELETED,
      `${what} 已删除，不能再更改 (account deleted; it cannot be changed any more)`,
    );
  },
  ownAccount(): DomainException {
    return new DomainException(
      409,
      AccountErrorCode.OWN_ACCOUNT,
      '不能停用、删除或重置自己的账号 (you cannot disable, delete or reset your own account)',
    );
  },
  invalid(field: string, reason: string): DomainException {
    return DomainException.validation([{ field, reason }], `参数无效：${reason} (invalid parameter)`);
  },
};

/** Lifecycle state shown in lists. */
export type AccountStatus = 'ACTIVE' | 'DISABLED' | 'DELETED';

export function statusOf(row: { disabled: boolean; deletedAt: Date | null }): AccountStatus {
  return row.deletedAt ? 'DELETED' : row.disabled ? 'DISABLED' : 'ACTIVE';
}
