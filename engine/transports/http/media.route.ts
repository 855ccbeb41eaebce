/**
 * GET /api/media/:id: the bytes of an inbound message's image, video, audio or file, to a signed-in user who
 * may read the message (bearer token, as every /api route; the studio fetches with its token and shows an
 * object URL, docs/media.md says why). 401 without a valid token, 403 for a conversation the caller may not
 * see, 404 for unknown media or media not fetched yet (the error's code says which).
 */
import Router from '@koa/router';
import { notFound } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { MediaAccessService } from '../../services/media/media-access.service.ts';
import { isInlineType } from '../../services/media/sniff-content-type.ts';
import { authorize, type AuthState } from './authorize.ts';

/** message ids are positive integers; anything else names no media */
const MESSAGE_ID = /^[1-9][0-9]{0,15}$/;

export function mediaRoutes(sessions: SessionService, logger: Logger, media: MediaAccessService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/media' });
  router.use(authorize(sessions, logger));
  router.get('/:id', async (ctx) => {
    const id = ctx.params.id ?? '';
    if (!MESSAGE_ID.test(id)) throw notFound('Media');
    const content = await media.open(Number(id), actorOf(ctx.state.principal));
    ctx.set('Content-Type', content.contentType);
    ctx.set('Content-Length', String(content.size));
    // the bytes of a message never change, but they are the customer's: no shared cache may keep them
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    // opened on its own, the response may not run anything, whatever it holds
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    ctx.set('Content-Disposition', disposition(content.contentType, content.fileName, id));
    ctx.body = content.stream;
  });
  return router;
}

/**
 * Where this request came to, for absolute media URLs: the protocol and Host as Koa reads them (behind
 * trusted proxies, their X-Forwarded-* headers); '' when the request named no host. (Koa 3's ctx.origin is
 * the Origin header, not this.)
 */
export function requestOrigin(ctx: { protocol: string; host: string }): string {
  return ctx.host ? `${ctx.protocol}://${ctx.host}` : '';
}

/**
 * Images, video and audio Baton recognised are shown inline; files and anything unrecognised download, under
 * the customer's file name made safe for a header (quotes, path separators and control characters replaced;
 * the full name in RFC 5987 form for browsers that read it).
 */
function disposition(contentType: string, fileName: string | null, id: string): string {
  if (fileName === null && isInlineType(contentType)) return 'inline';
  const name = (fileName ?? `media-${id}`).replace(/[\u0000-\u001f\u007f"\\/]/g, '_').slice(0, 200);
  const ascii = name.replace(/[^\u0020-\u007e]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
