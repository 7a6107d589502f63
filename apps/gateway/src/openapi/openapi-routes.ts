import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/** One route of the gateway: the controller class and handler the guards read their metadata from. */
export interface RouteHandler {
  controller: Type;
  handler: (...args: unknown[]) => unknown;
}

interface ModuleLike {
  controllers: Map<unknown, { metatype: Type | null }>;
}

/** `:presaleNumber` → `{presaleNumber}`, joined with single slashes, as @nestjs/swagger writes paths. */
function openApiPath(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p.length > 0)
    .map((p) => (p.startsWith(':') ? `{${p.slice(1)}}` : p))
    .join('/');
  return `/${joined}`;
}

/**
 * Every route of the application keyed `get /api/v1/...` (OpenAPI path template): read from the same
 * controllers and decorators as Nest's router and @nestjs/swagger's explorer, so an operation of the
 * document finds the handler whose metadata (public, roles, scopes) the guards enforce.
 */
export function routeHandlers(app: INestApplication): Map<string, RouteHandler> {
  const container = (app as unknown as { container: { getModules(): Map<string, ModuleLike> } }).container;
  const routes = new Map<string, RouteHandler>();
  for (const module of container.getModules().values()) {
    for (const { metatype: controller } of module.controllers.values()) {
      if (!controller) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        for (const b of [base ?? ''].flat())
          for (const p of [path].flat())
            routes.set(`${RequestMethod[method].toLowerCase()} ${openApiPath(b, p)}`, {
              controller,
              handler: handler as RouteHandler['handler'],
            });
      }
    }
  }
  return routes;
}
