/** Where a request comes from, as far as Baton trusts it (the address comes from a proxy only with BATON_TRUST_PROXY). */
import type { Context } from 'koa';
import type { ClientInfo } from '../../services/auth/session.service.ts';

export function clientInfo(ctx: Context): ClientInfo {
  return { address: ctx.ip || null, userAgent: ctx.get('user-agent') || null };
}
