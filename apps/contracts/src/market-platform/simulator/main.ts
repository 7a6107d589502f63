import { generateMarketDataset } from './market-dataset';
import { MarketSimulator } from './market-simulator';
import { simulatorConfigFromEnv } from './simulator-config';

/** `npm run market-sim`: the 房地产市场监管平台 simulator for development and 联调. */
async function main(): Promise<void> {
  const config = simulatorConfigFromEnv(process.env);
  const dataset = generateMarketDataset(config.dataset);
  const sim = await MarketSimulator.start({
    dataset,
    apiKey: config.apiKey,
    host: config.host,
    port: config.port,
    faults: config.faults,
    hangMs: config.hangMs,
    testEndpoints: config.testEndpoints,
  });
  if (config.apiKeyIsDefault)
    console.warn('未设置 MARKET_SIM_API_KEY，使用开发用默认密钥 (using the development API key)');
  console.log(
    `市场监管平台模拟器已启动 market platform simulator: ${sim.url}/api/filings — ${dataset.feed.length} 条记录 items, ${dataset.planted.length} 处预置差异 planted differences (seed ${dataset.seed})`,
  );
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('模拟器启动失败 simulator failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
