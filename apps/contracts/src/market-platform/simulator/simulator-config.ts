import { readFileSync } from 'node:fs';
import { FaultOptions } from './fault-injector';
import { MarketDatasetParams, SimPresale } from './market-dataset.types';

export interface SimulatorConfig {
  host: string;
  port: number;
  /** secret: MARKET_SIM_API_KEY */
  apiKey: string;
  apiKeyIsDefault: boolean;
  dataset: MarketDatasetParams;
  faults: FaultOptions;
  hangMs: number;
  testEndpoints: boolean;
}

export const DEV_API_KEY = 'market-sim-dev-key';

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    problems.push(`${name} must be an integer in ${min}..${max}`);
  return Number.isInteger(value) ? value : fallback;
}

/**
 * Simulator settings from the environment: MARKET_SIM_PORT/HOST/API_KEY, data from
 * MARKET_SIM_SEED_FILE (JSON {"seed"?, "presales": [...]}) or MARKET_SIM_SEED + MARKET_SIM_PRESALES,
 * MARKET_SIM_PER_KIND planted differences of each kind, MARKET_SIM_BAD_ITEMS, faults from
 * MARKET_SIM_FAULT_RATE (0..1) and MARKET_SIM_FAULT_KIND (500|503|timeout|mixed).
 */
export function simulatorConfigFromEnv(
  env: Env,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): SimulatorConfig {
  const problems: string[] = [];
  let seed = int(env, 'MARKET_SIM_SEED', 20_240_901, 0, 2 ** 32 - 1, problems);
  let presaleList: SimPresale[] | undefined;
  const seedFile = env['MARKET_SIM_SEED_FILE'];
  if (seedFile) {
    try {
      const parsed = JSON.parse(readFile(seedFile)) as { seed?: unknown; presales?: unknown };
      if (!Array.isArray(parsed.presales) || parsed.presales.length === 0) throw new Error('presales[] missing');
      presaleList = parsed.presales as SimPresale[];
      if (Number.isInteger(parsed.seed)) seed = parsed.seed as number;
    } catch (err) {
      problems.push(`MARKET_SIM_SEED_FILE unreadable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const rate = Number(env['MARKET_SIM_FAULT_RATE'] ?? 0);
  if (!(rate >= 0 && rate <= 1)) problems.push('MARKET_SIM_FAULT_RATE must be a number in 0..1');
  const kind = env['MARKET_SIM_FAULT_KIND'] ?? '500';
  if (!['500', '503', 'timeout', 'mixed'].includes(kind))
    problems.push('MARKET_SIM_FAULT_KIND must be 500, 503, timeout or mixed');
  const apiKey = env['MARKET_SIM_API_KEY'] ?? DEV_API_KEY;
  if (apiKey.length < 8) problems.push('MARKET_SIM_API_KEY must have at least 8 characters');
  const config: SimulatorConfig = {
    host: env['MARKET_SIM_HOST'] ?? '127.0.0.1',
    port: int(env, 'MARKET_SIM_PORT', 3190, 0, 65535, problems),
    apiKey,
    apiKeyIsDefault: env['MARKET_SIM_API_KEY'] === undefined,
    dataset: {
      seed,
      presales: int(env, 'MARKET_SIM_PRESALES', 8, 2, 500, problems),
      perKind: int(env, 'MARKET_SIM_PER_KIND', 2, 0, 50, problems),
      badItems: int(env, 'MARKET_SIM_BAD_ITEMS', 4, 0, 100, problems),
      ...(presaleList ? { presaleList } : {}),
    },
    faults: { rate: Number.isFinite(rate) ? rate : 0, kind: kind as FaultOptions['kind'], seed },
    hangMs: int(env, 'MARKET_SIM_HANG_MS', 60_000, 1, 600_000, problems),
    testEndpoints: env['MARKET_SIM_TEST_ENDPOINTS'] !== 'false',
  };
  if (problems.length > 0) throw new Error(`模拟器配置无效 invalid simulator configuration: ${problems.join('; ')}`);
  return config;
}
