/**
 * The audit log for supervisors and admins: GET /api/audit (newest first, paged back with `before`) and
 * GET /api/audit/export.csv (same filters, streamed a page at a time). An export is itself audited.
 */
import { Readable } from 'node:stream';
import Router from '@koa/router';
import type { ParsedUrlQuery } from 'node:querystring';
import type { AuditListResponse } from '../../contracts/rest.ts';
import { badRequest } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { auditCsv } from '../../services/audit/audit-csv.ts';
import { AuditAction, type AuditService } from '../../services/audit/audit.service.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { AuditFilter } from '../../store/repositories/audit.repo.ts';
import { authorize, type AuthState } from './authorize.ts';

const MAX_PAGE = 500;

function text(query: ParsedUrlQuery, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;
}

/** epoch ms, or anything Date reads (2026-12-01, 2026-12-01T09:00:00+07:00) */
function time(query: ParsedUrlQuery, name: string): number | undefined {
  const raw = text(query, name);
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(value)) throw badRequest('invalid_query', `${name}: expected epoch milliseconds or an ISO date, got "${raw}"`);
  return value;
}

function integer(query: ParsedUrlQuery, name: string, min: number, max: number): number | undefined {
  const raw = text(query, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw badRequest('invalid_query', `${name}: expected a whole number from ${min} to ${max}`);
  return value;
}

function filterOf(query: ParsedUrlQuery): AuditFilter {
  const filter: AuditFilter = {};
  const from = time(query, 'from');
  const to = time(query, 'to');
  const actor = text(query, 'actor');
  const action = text(query, 'action');
  const targetId = text(query, 'targetId');
  const before = integer(query, 'before', 1, Number.MAX_SAFE_INTEGER);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (actor !== undefined) filter.actor = actor;
  if (action !== undefined) filter.action = action;
  if (targetId !== undefined) filter.targetId = targetId;
  if (before !== undefined) filter.before = before;
  return filter;
}

export function auditRoutes(audit: AuditService, sessions: SessionService, logger: Logger): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/audit' });
  router.use(authorize(sessions, logger));

  router.get('/', async (ctx) => {
    const answer: AuditListResponse = await audit.list(filterOf(ctx.query), integer(ctx.query, 'limit', 1, MAX_PAGE) ?? 100);
    ctx.body = answer;
  });
  router.get('/export.csv', async (ctx) => {
    const filter = filterOf(ctx.query);
    await audit.record({ action: AuditAction.AUDIT_EXPORTED, actor: actorOf(ctx.state.principal), details: { filter } });
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', 'attachment; filename="baton-audit.csv"');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = Readable.from(auditCsv(audit.pages(filter)));
  });
  return router;
}
