/** Configuration of the presale service, validated once at boot; the signing key is a secret. */
export interface PresaleConfig {
  databaseUrl: string;
  databaseName: string;
  natsUrl: string;
  port: number;
  host: string;
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
  const port = Number(env['PRESALE_PORT'] ?? env['PORT'] ?? 3102);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PRESALE_PORT must be a TCP port');
  const databaseName = env['PRESALE_DB_NAME'] ?? 'hn_presale';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) problems.push('PRESALE_DB_NAME must be a lowercase identifier');
  const databaseUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const natsUrl = env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  if (!/^(nats|tls):\/\//.test(natsUrl)) problems.push('NATS_URL must be a nats:// URL');
  const signingKeyPem = (env['PRESALE_SIGNING_KEY'] ?? '').replace(/\\n/g, '\n');
  if (!signingKeyPem.includes('BEGIN PRIVATE KEY')) problems.push('PRESALE_SIGNING_KEY (secret) must be an Ed25519 PKCS#8 PEM');
  const publicBaseUrl = (env['PUBLIC_BASE_URL'] ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[A-Za-z0-9.:-]+$/.test(publicBaseUrl)) problems.push('PUBLIC_BASE_URL must be http(s)://host[:port] without a path');
  const logOrigin = env['PRESALE_LOG_ORIGIN'] ?? 'presale.hunan.gov.cn/log';
  const cutoverDate = env['PRESALE_CUTOVER_DATE'] ?? '2024-08-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cutoverDate)) problems.push('PRESALE_CUTOVER_DATE must be YYYY-MM-DD');
  if (problems.length > 0) throw new Error(`配置无效 invalid configuration: ${problems.join('; ')}`);
  return { databaseUrl, databaseName, natsUrl, port, host: env['HOST'] ?? '127.0.0.1', signingKeyPem, publicBaseUrl, logOrigin, cutoverDate };
}

export const PRESALE_CONFIG = Symbol('PRESALE_CONFIG');
