/**
 * Serves the built studio (dist/studio) at `/`. Hashed assets are cached for a year; index.html never,
 * so a new build shows up on reload. Paths are resolved inside the folder only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.mp3': 'audio/mpeg',
  '.woff2': 'font/woff2',
};

export function serveStudio(options: { dir: string }): Middleware {
  const root = path.resolve(options.dir);
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    const file = path.resolve(root, `.${relative === '/' ? '/index.html' : relative}`);
    if (!file.startsWith(root + path.sep)) return next();
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat?.isFile()) {
      if (relative === '/') {
        ctx.status = 503;
        ctx.type = 'text/plain';
        ctx.body = `The studio is not built: run "npm run build" (looked in ${root}).`;
        return;
      }
      return next();
    }
    ctx.type = types[path.extname(file)] ?? 'application/octet-stream';
    ctx.length = stat.size;
    ctx.set('cache-control', relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.body = fs.createReadStream(file);
  };
}
