import { invalidConfig, readServiceEnv, ServiceEnv } from '@hn/service-kit';

/** Configuration of the escrow service (预售资金监管), validated once at boot. No secrets of its own. */
export type EscrowConfig = ServiceEnv;

export function validateEscrowConfig(env: Record<string, string | undefined>): EscrowConfig {
  const problems: string[] = [];
  const base = readServiceEnv(env, 'escrow', 3104, problems);
  if (problems.length > 0) throw invalidConfig('escrow', problems);
  return base;
}

/** Paths of EscrowConfig that are secrets: none of its own. */
export const ESCROW_SECRETS: readonly string[] = [];

export const ESCROW_CONFIG = Symbol('ESCROW_CONFIG');
