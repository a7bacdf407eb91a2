// Security headers on every answer (pages, API, files): @fastify/helmet with a Content-Security-Policy
// the built UI (antd's CSS-in-JS styles) and SurveyJS pass, no framing, no referrer (a respondent code
// in /s/<code> must not travel to other sites), HSTS when the public address is https.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

export function isHttpsPublicUrl(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.toLowerCase().startsWith('https://');
}

export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = isHttpsPublicUrl(config);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd and SurveyJS set styles from script (style attributes and <style> elements)
        styleSrc: ["'self'", "'unsafe-inline'"],
        // QR codes of the respondent leaflet and previews are data: and blob: URLs
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    hsts: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
  });
}
