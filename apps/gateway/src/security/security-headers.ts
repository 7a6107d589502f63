import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Security headers on every gateway response (API, problem+json, the /V verify page, Swagger UI):
 * X-Content-Type-Options nosniff, X-Frame-Options, Referrer-Policy, Strict-Transport-Security,
 * Cross-Origin-* and a Content-Security-Policy that the verify page (inline <style>, no script)
 * and Swagger UI (its own scripts, inline styles, data: images) work under.
 * `upgrade-insecure-requests` is left out so a plain-http deployment behind TLS termination
 * and local use keep working; HSTS applies when served over https.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
