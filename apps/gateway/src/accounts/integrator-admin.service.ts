import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, hashSecret } from '@hn/auth';
import { AccountChangedV1 } from '@hn/messages';
import { DataSource, EntityManager } from 'typeorm';
import { IntegratorClient } from '../integrators/entities/integrator-client.entity';
import { ACCOUNT_NOTIFIER, AccountNotifier } from './account-events';
import { AccountErrors, AccountStatus, statusOf } from './accounts.exception';

/** A credential as operators see it (never a secret or its hash). */
export interface IntegratorSummary {
  clientId: string;
  name: string;
  status: AccountStatus;
  regions: string[];
  scopes: string[];
  sandbox: boolean;
  rateLimitPerMinute: number | null;
  tokenVersion: number;
  createdAt: string;
  secretRotatedAt: string | null;
  /** the previous secret (before the last rotation) is accepted until then; null: not at all */
  previousSecretValidUntil: string | null;
}

export interface AccountChange<T> {
  account: T;
  before: T;
  after: T;
  /** false when the account already was in the requested state */
  changed: boolean;
}

/** The account as the response body, with the audit interceptor's before/after beside it. */
export function withAudit<T extends object>(change: AccountChange<T>): T & { audit: { before: T; after: T } } {
  return { ...change.account, audit: { before: change.before, after: change.after } };
}

export interface RotatedSecret extends AccountChange<IntegratorSummary> {
  clientSecret: string;
}

export const DEFAULT_OVERLAP_HOURS = 24;
export const MAX_OVERLAP_HOURS = 720;
export const MAX_RATE_LIMIT_PER_MINUTE = 10_000_000;

/**
 * Lifecycle of integrator credentials for the operator commands and the ADMIN API: list,
 * disable, enable, (soft) delete and secret rotation with an overlap. Disabling and deleting bump
 * the token version, so tokens issued before are refused by every replica within seconds.
 */
@Injectable()
export class IntegratorAdminService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ACCOUNT_NOTIFIER) private readonly notifier: AccountNotifier,
  ) {}

  async list(): Promise<IntegratorSummary[]> {
    const rows = await this.dataSource
      .getRepository(IntegratorClient)
      .find({ order: { createdAt: 'ASC', clientId: 'ASC' } });
    return rows.map(summaryOf);
  }

  async get(clientId: string): Promise<IntegratorSummary> {
    const row = await this.dataSource.getRepository(IntegratorClient).findOne({ where: { clientId } });
    if (!row) throw AccountErrors.integratorNotFound(clientId);
    return summaryOf(row);
  }

  disable(clientId: string): Promise<AccountChange<IntegratorSummary>> {
    return this.change(clientId, 'DISABLED', (row) =>
      row.disabled ? null : { disabled: true, tokenVersion: row.tokenVersion + 1 },
    );
  }

  enable(clientId: string): Promise<AccountChange<IntegratorSummary>> {
    return this.change(clientId, 'ENABLED', (row) => (row.disabled ? { disabled: false } : null));
  }

  /** Soft delete: the row (and every audit reference to it) stays; the client id is never reused. */
  delete(clientId: string): Promise<AccountChange<IntegratorSummary>> {
    return this.change(
      clientId,
      'DELETED',
      (row) => ({
        deletedAt: new Date(),
        tokenVersion: row.tokenVersion + 1,
        previousSecretHash: null,
        previousSecretExpiresAt: null,
      }),
      true,
    );
  }

  /** Sets the credential's own rate limit (quota units per minute); null: the default (GATEWAY_RATE_LIMIT_PER_MINUTE). */
  async setRateLimit(clientId: string, perMinute: number | null): Promise<AccountChange<IntegratorSummary>> {
    if (
      perMinute !== null &&
      (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > MAX_RATE_LIMIT_PER_MINUTE)
    ) {
      throw AccountErrors.invalid(
        'rateLimitPerMinute',
        `限流额度须为 1–${MAX_RATE_LIMIT_PER_MINUTE} 的整数 (rate limit must be an integer from 1 to ${MAX_RATE_LIMIT_PER_MINUTE})`,
      );
    }
    return this.change(clientId, 'RATE_LIMIT_CHANGED', (row) =>
      row.rateLimitPerMinute === perMinute ? null : { rateLimitPerMinute: perMinute },
    );
  }

  /**
   * A new secret (returned once, only its hash stored); the old one keeps working for
   * `overlapHours` (0: stops at once). Tokens already issued stay valid until their own expiry.
   */
  async rotateSecret(clientId: string, overlapHours = DEFAULT_OVERLAP_HOURS): Promise<RotatedSecret> {
    if (!Number.isFinite(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS) {
      throw AccountErrors.invalid(
        'overlapHours',
        `过渡期须为 0–${MAX_OVERLAP_HOURS} 小时 (overlap must be 0 to ${MAX_OVERLAP_HOURS} hours)`,
      );
    }
    const clientSecret = generateSecret();
    const secretHash = await hashSecret(clientSecret);
    const result = await this.change(clientId, 'SECRET_ROTATED', (row) => {
      const now = Date.now();
      return {
        secretHash,
        previousSecretHash: overlapHours > 0 ? row.secretHash : null,
        previousSecretExpiresAt: overlapHours > 0 ? new Date(now + overlapHours * 3_600_000) : null,
        secretRotatedAt: new Date(now),
      };
    });
    return { ...result, clientSecret };
  }

  private async change(
    clientId: string,
    event: AccountChangedV1['change'],
    patch: (row: IntegratorClient) => Partial<IntegratorClient> | null,
    idempotentWhenDeleted = false,
  ): Promise<AccountChange<IntegratorSummary>> {
    const result = await this.dataSource.transaction(async (manager: EntityManager) => {
      const row = await manager
        .getRepository(IntegratorClient)
        .findOne({ where: { clientId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw AccountErrors.integratorNotFound(clientId);
      const before = summaryOf(row);
      if (row.deletedAt) {
        if (idempotentWhenDeleted) return { account: before, before, after: before, changed: false };
        throw AccountErrors.deleted(`集成方凭据 ${clientId}`);
      }
      const update = patch(row);
      if (!update) return { account: before, before, after: before, changed: false };
      await manager
        .getRepository(IntegratorClient)
        .update({ clientId }, { ...update, updatedAt: new Date() } as Partial<IntegratorClient>);
      const after = summaryOf({ ...row, ...update });
      return { account: after, before, after, changed: true };
    });
    if (result.changed) await this.notifier.accountChanged({ kind: 'integrator', id: clientId, change: event });
    return result;
  }
}

export function summaryOf(row: IntegratorClient): IntegratorSummary {
  const previousValid =
    row.previousSecretHash && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now()
      ? row.previousSecretExpiresAt.toISOString()
      : null;
  return {
    clientId: row.clientId,
    name: row.name,
    status: statusOf(row),
    regions: row.regions,
    scopes: row.scopes,
    sandbox: row.sandbox,
    rateLimitPerMinute: row.rateLimitPerMinute,
    tokenVersion: row.tokenVersion,
    createdAt: row.createdAt.toISOString(),
    secretRotatedAt: row.secretRotatedAt ? row.secretRotatedAt.toISOString() : null,
    previousSecretValidUntil: previousValid,
  };
}
