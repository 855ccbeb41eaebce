/**
 * GET /api/public-media/:file?expires&signature: the images operators sent, for LINE's servers to fetch (they
 * hold no studio token). Only a link Baton signed, unchanged and not expired, answers with the bytes; anything
 * else is 404, the same answer as for a key that does not exist (signed-media-link.ts, docs/security.md).
 */
import Router from '@koa/router';
import { notFound } from '../../errors.ts';
import type { MediaStorage } from '../../services/media/media-storage.ts';
import { PUBLIC_MEDIA_PREFIX, type SignedMediaLinks } from '../../services/media/signed-media-link.ts';

export function publicMediaRoutes(links: SignedMediaLinks, storage: MediaStorage, now: () => number): Router {
  const router = new Router({ prefix: PUBLIC_MEDIA_PREFIX });
  router.get('/:file', async (ctx) => {
    const link = links.verify(ctx.params.file ?? '', ctx.query.expires, ctx.query.signature, now());
    const stored = link ? await storage.get(link.key) : null;
    if (!link || !stored) throw notFound('Media');
    ctx.set('Content-Type', link.contentType);
    ctx.set('Content-Length', String(stored.size));
    // public by design until the link expires, but kept out of shared caches that would outlive it
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    ctx.body = stored.stream;
  });
  return router;
}
