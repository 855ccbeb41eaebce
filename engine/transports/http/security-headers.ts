/**
 * Headers that tell browsers to limit what a page of Baton may do: scripts only from Baton itself (no inline
 * script: an injected <script> does not run), no framing (clickjacking), no MIME sniffing, no Referer leaving
 * the site, and HTTPS only once Baton is served over it. Inline styles stay allowed: the studio's page sets
 * its theme in one <style>, and style cannot run code.
 */
import type { Middleware } from 'koa';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // LINE profile pictures and stickers are https images on LINE's CDN; QR codes are data: images; the
  // customers' photos are blob: URLs the studio makes from media it fetched with its token (docs/media.md)
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(options: { https: boolean }): Middleware {
  return async (ctx, next) => {
    ctx.set('Content-Security-Policy', CSP);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (options.https) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    await next();
  };
}
