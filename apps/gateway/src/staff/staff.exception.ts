import { DomainException } from '@hn/errors';

export const StaffErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  STAFF_EXISTS: 'STAFF_EXISTS',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
} as const;

/** The account is locked after too many wrong passwords; the controller sends Retry-After. */
export class AccountLockedException extends DomainException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      StaffErrorCode.ACCOUNT_LOCKED,
      `连续登录失败次数过多，账号已锁定，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后重试 (account locked after repeated failed logins; retry after ${retryAfterSeconds} s)`,
    );
  }
}

export const StaffErrors = {
  invalidCredentials(): DomainException {
    return new DomainException(
      401,
      StaffErrorCode.INVALID_CREDENTIALS,
      '用户名或密码不正确 (invalid username or password)',
    );
  },
  invalid(field: string, reason: string): DomainException {
    return DomainException.validation([{ field, reason }], `工作人员账号参数无效：${reason} (invalid staff account)`);
  },
  /** 400, not 401: the caller's token is fine, only the password typed to confirm the change is not. */
  wrongCurrentPassword(): DomainException {
    return DomainException.validation(
      [{ field: 'currentPassword', reason: '当前密码不正确 (the current password is wrong)' }],
      '当前密码不正确，密码未修改 (the current password is wrong; nothing changed)',
    );
  },
  passwordChangeRequired(): DomainException {
    return new DomainException(
      403,
      StaffErrorCode.PASSWORD_CHANGE_REQUIRED,
      '首次登录须先修改初始密码，请调用 POST /api/v1/auth/password (change the one-time password first)',
    );
  },
  exists(username: string): DomainException {
    return new DomainException(409, StaffErrorCode.STAFF_EXISTS, `用户名 ${username} 已存在 (username already exists)`);
  },
};
