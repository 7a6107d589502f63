/**
 * Core NATS subject (no stream, no queue group) on which the gateway publishes that an integrator
 * credential or a staff account changed (disabled, enabled, deleted, secret rotated, rate limit set, password changed or reset, pii:read granted or withdrawn). Every gateway
 * replica subscribes and drops its cached state of that account, so old tokens are refused at once;
 * the cache also expires within seconds in case a message is missed.
 */
export const GatewayEvents = {
  accountChanged: 'hn.gateway.account.changed.v1',
} as const;

export type AccountKind = 'integrator' | 'staff';

/** Payload of hn.gateway.account.changed.v1. */
export interface AccountChangedV1 {
  kind: AccountKind;
  /** clientId or username */
  id: string;
  change:
    | 'DISABLED'
    | 'ENABLED'
    | 'DELETED'
    | 'SECRET_ROTATED'
    | 'PASSWORD_CHANGED'
    | 'PASSWORD_RESET'
    /** an integrator credential's own rate limit was set or cleared */
    | 'RATE_LIMIT_CHANGED'
    /** a staff account was granted or withdrawn pii:read (its tokens are refused; the next login has the new scopes) */
    | 'PII_GRANTED'
    | 'PII_REVOKED';
  at: string;
}
