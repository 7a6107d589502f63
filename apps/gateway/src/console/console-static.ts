import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** The console's own policy: its scripts, styles, font and API calls from this origin only; nothing inline, nothing external. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Served file types; anything else under /console/ (sources, source maps) is a 404. JSON: the map data in assets/. */
const SERVED = new Set(['.html', '.js', '.css', '.ttf', '.json']);
export const CONSOLE_FONT = 'NotoSerifSC_400Regular.ttf';

/**
 * Where the built console is: compiled scripts in dist/apps/console/src, index.html and the style
 * sheet beside the sources (the image copies them beside the compiled files as well). Looked up
 * from the repository root, found by walking up to package.json (dist/ or sources, in an image /app).
 */
export function consoleRoots(from = __dirname): string[] {
  let root = from;
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  return [join(root, 'dist', 'apps', 'console', 'src'), join(root, 'apps', 'console', 'src')].filter((d) =>
    existsSync(d),
  );
}

/** no-cache: file names are not content-hashed, so the browser revalidates (ETag) and never runs a stale script. */
export function consoleHeaders(reply: FastifyReply, path: string): void {
  const ext = extname(path);
  void reply.header('cache-control', ext === '.ttf' ? 'public, max-age=604800' : 'no-cache');
  void reply.header('content-security-policy', CONSOLE_CSP);
  void reply.header('x-content-type-options', 'nosniff');
  if (ext === '.js') void reply.header('content-type', 'text/javascript; charset=utf-8');
}

/**
 * The staff web console (apps/console, plain static files) under /console/; GET / and /console go
 * there. The public search page (apps/console/src/query) under /query/, same policy. Registered on
 * Fastify directly: public files, outside the API's guards and OpenAPI document.
 */
export async function registerConsole(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const roots = consoleRoots();
  fastify.get('/', (_req, reply) => reply.redirect('/console/', 302));
  fastify.get('/console', (_req, reply) => reply.redirect('/console/', 302));
  fastify.get('/query', (_req, reply) => reply.redirect('/query/', 302));
  if (roots.length === 0) return; // not built: /console/ answers 404 like any unknown path
  // 预售许可证统一查询: the public page (no login), a sibling app of the console in apps/console/src/query
  await fastify.register(fastifyStatic, {
    root: roots.map((r) => join(r, 'query')).filter((d) => existsSync(d)),
    prefix: '/query/',
    index: 'index.html',
    wildcard: true,
    decorateReply: false,
    cacheControl: false,
    etag: true,
    lastModified: true,
    serveDotFiles: false,
    allowedPath: (pathName) => pathName === '/' || SERVED.has(extname(pathName)),
    setHeaders: consoleHeaders,
  });
  await fastify.register(fastifyStatic, {
    root: roots,
    prefix: '/console/',
    index: 'index.html',
    wildcard: true,
    decorateReply: false,
    cacheControl: false,
    etag: true,
    lastModified: true,
    serveDotFiles: false,
    allowedPath: (pathName) =>
      pathName === '/' ||
      (SERVED.has(extname(pathName)) && (extname(pathName) !== '.json' || pathName.startsWith('/assets/'))),
    setHeaders: consoleHeaders,
  });
  const fontFile = require.resolve(`@expo-google-fonts/noto-serif-sc/400Regular/${CONSOLE_FONT}`);
  await fastify.register(fastifyStatic, {
    root: dirname(fontFile),
    prefix: '/console/fonts/',
    decorateReply: false,
    cacheControl: false,
    index: false,
    allowedPath: (pathName) => pathName === `/${CONSOLE_FONT}`,
    setHeaders: consoleHeaders,
  });
}
