import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AccessTokenService } from '@hn/auth';
import { Principal } from '@hn/messages';
import { AuditService } from '../audit/audit.service';
import { StaffTokenResponseDto } from './dto/staff-token-response.dto';
import { StaffAccountsService } from './staff-accounts.service';
import { scopesForLogin } from './staff-rules';
import { AccountLockedException, StaffErrors } from './staff.exception';

export const LOGIN_ACTION = 'POST /api/v1/auth/login';

export interface LoginContext {
  ip: string;
  correlationId: string;
  /** the audited action: the bearer login by default, or the console's cookie session */
  action?: string;
}

/** Staff login: password check with lockout, a staff JWT, and an audit row for every attempt. */
@Injectable()
export class StaffLoginService implements OnModuleInit, OnModuleDestroy {
  private pruner: NodeJS.Timeout | null = null;

  constructor(
    private readonly accounts: StaffAccountsService,
    private readonly audit: AuditService,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
  ) {}

  onModuleInit(): void {
    this.pruner = setInterval(() => void this.accounts.pruneFailures().catch(() => undefined), 3_600_000).unref();
  }

  onModuleDestroy(): void {
    if (this.pruner) clearInterval(this.pruner);
  }

  async login(username: string, password: string, context: LoginContext): Promise<StaffTokenResponseDto> {
    const result = await this.accounts.authenticate(username, password);
    const account = result.account;
    const status = result.ok ? 200 : result.reason === 'ACCOUNT_LOCKED' ? 429 : 401;
    await this.audit.record({
      actor: username,
      role: account?.role ?? null,
      region: account?.region ?? null,
      action: context.action ?? LOGIN_ACTION,
      target: null,
      after: {
        outcome: result.ok ? 'SUCCESS' : result.reason,
        ip: context.ip,
        ...(result.ok && result.mustChangePassword ? { limitedTo: 'POST /api/v1/auth/password' } : {}),
      },
      correlationId: context.correlationId,
      status,
    });
    if (!result.ok) {
      if (result.reason === 'ACCOUNT_LOCKED') throw new AccountLockedException(result.retryAfterSeconds);
      throw StaffErrors.invalidCredentials();
    }
    const principal: Principal = {
      kind: 'staff',
      id: result.account.username,
      regions: [result.account.region],
      scopes: scopesForLogin(result.account.role, result.mustChangePassword, result.account.piiRead),
      role: result.account.role,
      sandbox: false,
    };
    return {
      access_token: await this.tokens.sign(principal, this.tokens.ttlSeconds, result.tokenVersion),
      token_type: 'Bearer',
      expires_in: this.tokens.ttlSeconds,
      password_change_required: result.mustChangePassword,
    };
  }
}
