import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from './setup-openapi';
import { createPreviewApp } from './preview-app';

/**
 * Writes the gateway's OpenAPI document as JSON without starting the network (a preview app: no
 * database, NATS or port), for the linters in `npm test`:
 *   node tools/run.js apps/gateway/src/openapi/dump-openapi.js [out.json]   (default: stdout)
 */
async function main(): Promise<void> {
  // only the settings the document shows are read from the environment: the same document on every machine
  const shown = ['PUBLIC_BASE_URL', 'GATEWAY_OPENAPI_PRODUCTION_URL', 'GATEWAY_OPENAPI_SANDBOX_URL'];
  const { app, config } = await createPreviewApp(
    Object.fromEntries(shown.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])),
  );
  const json =
    JSON.stringify(
      buildOpenApiDocument(app, { publicBaseUrl: config.publicBaseUrl, servers: config.openApiServers }),
      null,
      2,
    ) + '\n';
  await app.close();
  const out = process.argv[2];
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

main().catch((err: unknown) => {
  console.error('导出 OpenAPI 文档失败 OpenAPI dump failed:', err);
  process.exit(1);
});
