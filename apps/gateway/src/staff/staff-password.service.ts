import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenService } from '@hn/auth';
import { Principal } from '@hn/messages';
import { ACCOUNT_NOTIFIER, AccountNotifier } from '../accounts/account-events';
import { StaffTokenResponseDto } from './dto/staff-token-response.dto';
import { StaffAccountsService } from './staff-accounts.service';
import { scopesForLogin } from './staff-rules';

/**
 * 修改密码: a staff member replaces their password (the one-time password of a new account first of
 * all). Every older token of the account is refused from then on, on every gateway replica; the reply
 * is a fresh token with the role's full scopes, so the console goes on without a second login.
 */
@Injectable()
export class StaffPasswordService {
  constructor(
    private readonly accounts: StaffAccountsService,
    @Inject(ACCOUNT_NOTIFIER) private readonly notifier: AccountNotifier,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
  ) {}

  async change(principal: Principal, currentPassword: string, newPassword: string): Promise<StaffTokenResponseDto> {
    const { account, tokenVersion } = await this.accounts.changePassword(principal.id, currentPassword, newPassword);
    await this.notifier.accountChanged({ kind: 'staff', id: account.username, change: 'PASSWORD_CHANGED' });
    const next: Principal = {
      kind: 'staff',
      id: account.username,
      regions: [account.region],
      scopes: scopesForLogin(account.role, false, account.piiRead),
      role: account.role,
      sandbox: false,
    };
    return {
      access_token: await this.tokens.sign(next, this.tokens.ttlSeconds, tokenVersion),
      token_type: 'Bearer',
      expires_in: this.tokens.ttlSeconds,
      password_change_required: false,
    };
  }
}
