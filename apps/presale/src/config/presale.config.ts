import { CUTOVER_DEFAULTS, isIsoDate } from '@hn/numbering';
import { invalidConfig, readServiceEnv, ServiceEnv } from '@hn/service-kit';

/** Configuration of the presale service, validated once at boot (main.ts); the signing key is a secret. */
export interface PresaleConfig extends ServiceEnv {
  /** secret: Ed25519 PKCS#8 PEM of the current chain-token / checkpoint signing key */
  signingKeyPem: string;
  /** where citizens verify: the QR holds `<PUBLIC_BASE_URL upper-cased>/V/<token>` */
  publicBaseUrl: string;
  /** origin line of the log checkpoint (C2SP tlog-checkpoint) */
  logOrigin: string;
  /** presale permits issued from this date get Y numbers; earlier ones are backfilled (Z) */
  cutoverDate: string;
}

export function validatePresaleConfig(env: Record<string, string | undefined>): PresaleConfig {
  const problems: string[] = [];
  const base = readServiceEnv(env, 'presale', 3102, problems);
  const signingKeyPem = (env['PRESALE_SIGNING_KEY'] ?? '').replace(/\\n/g, '\n');
  if (!signingKeyPem.includes('BEGIN PRIVATE KEY'))
    problems.push('PRESALE_SIGNING_KEY (secret) must be an Ed25519 PKCS#8 PEM');
  const publicBaseUrl = (env['PUBLIC_BASE_URL'] ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[A-Za-z0-9.:-]+$/.test(publicBaseUrl))
    problems.push('PUBLIC_BASE_URL must be http(s)://host[:port] without a path');
  const logOrigin = env['PRESALE_LOG_ORIGIN'] ?? 'presale.hunan.gov.cn/log';
  const cutoverDate = env['PRESALE_CUTOVER_DATE']?.trim() || CUTOVER_DEFAULTS.presale;
  if (!isIsoDate(cutoverDate)) problems.push('PRESALE_CUTOVER_DATE 须为 YYYY-MM-DD 日期 (must be a YYYY-MM-DD date)');
  if (problems.length > 0) throw invalidConfig('presale', problems);
  return { ...base, signingKeyPem, publicBaseUrl, logOrigin, cutoverDate };
}

/** Paths of PresaleConfig that are secrets: never logged (redactConfig). */
export const PRESALE_SECRETS: readonly string[] = ['signingKeyPem'];

export const PRESALE_CONFIG = Symbol('PRESALE_CONFIG');
