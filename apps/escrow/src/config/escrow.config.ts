import { readServiceEnv, ServiceEnv } from '@hn/persistence';

/** Configuration of the escrow service (预售资金监管), validated once at boot. No secrets of its own. */
export type EscrowConfig = ServiceEnv;

export function validateEscrowConfig(env: Record<string, string | undefined>): EscrowConfig {
  const problems: string[] = [];
  const base = readServiceEnv(env, 'escrow', 3104, problems);
  if (problems.length > 0) throw new Error(`配置无效 invalid configuration: ${problems.join('; ')}`);
  return base;
}

export const ESCROW_CONFIG = Symbol('ESCROW_CONFIG');
