import { ReceiverSimulator } from './receiver-simulator';

/**
 * `npm run exchange-sim`: a receiving platform on 127.0.0.1 for the demo and the tests.
 * EXCHANGE_SIM_PORT (webhook, default 3190), EXCHANGE_SIM_CONTROL_PORT (default 3191),
 * EXCHANGE_SIM_PUBLIC_KEYS (whpk_…, comma-separated), EXCHANGE_SIM_SECRETS (whsec_…).
 */
async function main(): Promise<void> {
  const port = (name: string, fallback: number): number => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a TCP port`);
    return value;
  };
  const sim = new ReceiverSimulator({
    receiver: port('EXCHANGE_SIM_PORT', 3190),
    control: port('EXCHANGE_SIM_CONTROL_PORT', 3191),
  });
  await sim.start();
  const list = (v: string | undefined): string[] =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const keys = {
    publicKeys: list(process.env['EXCHANGE_SIM_PUBLIC_KEYS']),
    secrets: list(process.env['EXCHANGE_SIM_SECRETS']),
  };
  if (keys.publicKeys.length + keys.secrets.length > 0)
    await fetch(`http://127.0.0.1:${sim.controlPort}/_keys`, { method: 'POST', body: JSON.stringify(keys) });
  console.log(
    `接收方模拟器已启动 receiver simulator: webhook http://127.0.0.1:${sim.receiverPort}/ — 控制 control http://127.0.0.1:${sim.controlPort} (GET /_report, POST /_keys, POST /_fault {"mode":"down|slow|500|429|410|none"})`,
  );
  const stop = (): void => void sim.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('接收方模拟器启动失败 simulator failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
