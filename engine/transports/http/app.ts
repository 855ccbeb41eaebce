/**
 * The Koa application: the error pipeline, the LINE webhook (first: every customer message is one; its answer
 * is for LINE, not a browser), security headers, then each route group, then the studio's files.
 */
import Koa from 'koa';
import type { Logger } from '../../logger.ts';
import { errorHandler } from './error-handler.ts';
import { securityHeaders } from './security-headers.ts';
import { serveStudio } from './serve-studio.ts';

export interface HttpAppOptions {
  logger: Logger;
  studioDir: string;
  /** BATON_PUBLIC_URL is https: HSTS */
  https: boolean;
  /**
   * how many proxies in front of Baton to believe about the client's address (X-Forwarded-For, rightmost
   * first); 0: none, the address is the peer's. Believing a header nobody strips lets anyone pick their address.
   */
  trustedProxies: number;
  /** mounts the webhook, ahead of everything else */
  mountWebhook(app: Koa): void;
  /** mounts the route groups (each router has its own state type, so they are used one by one) */
  mountRoutes(app: Koa): void;
}

export function createHttpApp(options: HttpAppOptions): Koa {
  const app = new Koa({ proxy: options.trustedProxies > 0, maxIpsCount: options.trustedProxies });
  app.use(errorHandler(options.logger));
  options.mountWebhook(app);
  app.use(securityHeaders({ https: options.https }));
  options.mountRoutes(app);
  app.use(serveStudio({ dir: options.studioDir }));
  // errors already answered by errorHandler; this catches what escapes a stream
  app.on('error', (error: Error) => options.logger.warn({ error: error.message }, 'http stream error'));
  return app;
}
