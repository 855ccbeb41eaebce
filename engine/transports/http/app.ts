/** The Koa application: error pipeline, then each route group, then the studio's static files. */
import Koa from 'koa';
import type { Logger } from '../../logger.ts';
import { errorHandler } from './error-handler.ts';
import { serveStudio } from './serve-studio.ts';

export interface HttpAppOptions {
  logger: Logger;
  studioDir: string;
  /** mounts the route groups (each router has its own state type, so they are used one by one) */
  mountRoutes(app: Koa): void;
}

export function createHttpApp(options: HttpAppOptions): Koa {
  const app = new Koa({ proxy: true });
  app.use(errorHandler(options.logger));
  options.mountRoutes(app);
  app.use(serveStudio({ dir: options.studioDir }));
  // errors already answered by errorHandler; this catches what escapes a stream
  app.on('error', (error: Error) => options.logger.warn({ error: error.message }, 'http stream error'));
  return app;
}
