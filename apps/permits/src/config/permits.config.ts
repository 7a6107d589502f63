import { readServiceEnv, ServiceEnv } from '@hn/persistence';

/** Configuration of the permits service, validated once at boot; the process exits on bad config. */
export type PermitsConfig = ServiceEnv;

export function validatePermitsConfig(env: Record<string, string | undefined>): PermitsConfig {
  const problems: string[] = [];
  const config = readServiceEnv(env, 'permits', 3101, problems);
  if (problems.length > 0) throw new Error(`配置无效 invalid configuration: ${problems.join('; ')}`);
  return config;
}
