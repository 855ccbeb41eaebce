/**
 * Flow versions over REST: validate a flow set, publish it, list versions, read one, and activate an
 * older one (rollback). Publishing and activating are admin work; every change records who and when.
 */
import Router from '@koa/router';
import type { FlowValidateResponse, FlowVersionChangedResponse, FlowVersionDto, FlowVersionListResponse, FlowVersionResponse } from '../../contracts/rest.ts';
import { badRequest, notFound } from '../../errors.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { FlowRegistry } from '../../services/flows/flow-registry.ts';
import type { FlowVersionRow } from '../../store/repositories/flow-versions.repo.ts';
import type { Store } from '../../store/store.ts';
import { readJson } from './read-body.ts';
import { requireAuth, type AuthState } from './require-auth.ts';
import { requireRole } from './require-role.ts';
import { assertValid, validators } from './validate-payload.ts';

const toDto = (row: Omit<FlowVersionRow, 'documents'>): FlowVersionDto => ({
  version: row.version,
  active: Boolean(row.active),
  publishedBy: row.published_by,
  publishedAt: row.published_at,
});

function versionParam(raw: string | undefined): number {
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1) throw badRequest('invalid_version', 'A version is a whole number from 1');
  return version;
}

export function flowRoutes(auth: AuthService, flows: FlowRegistry, store: Store): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/flows' });
  router.use(requireAuth(auth));
  const actor = (state: AuthState) => `operator:${state.operator.sub}`;

  router.post('/validate', requireRole('supervisor'), async (ctx) => {
    const body = assertValid(validators.flowFiles, await readJson(ctx, 2 * 1024 * 1024), 'Flow files');
    const result = flows.validate(body.files);
    const answer: FlowValidateResponse = { ok: result.ok, problems: result.ok ? [] : result.problems };
    ctx.body = answer;
  });
  router.get('/versions', requireRole('supervisor'), async (ctx) => {
    const [versions, activations] = await Promise.all([store.flowVersions.list(), store.flowVersions.activations()]);
    const answer: FlowVersionListResponse = { versions: versions.map(toDto), activations };
    ctx.body = answer;
  });
  router.get('/versions/:version', requireRole('supervisor'), async (ctx) => {
    const row = await store.flowVersions.get(versionParam(ctx.params.version));
    if (!row) throw notFound('Flow version');
    const answer: FlowVersionResponse = { version: toDto(row), files: store.flowVersions.sources(row) };
    ctx.body = answer;
  });
  router.post('/versions', requireRole(), async (ctx) => {
    const body = assertValid(validators.flowFiles, await readJson(ctx, 2 * 1024 * 1024), 'Flow files');
    const published = await flows.publish(body.files, actor(ctx.state));
    const row = await store.flowVersions.get(published.version);
    if (!row) throw notFound('Flow version');
    const answer: FlowVersionChangedResponse = { version: toDto(row) };
    ctx.status = 201;
    ctx.body = answer;
  });
  router.post('/versions/:version/activate', requireRole(), async (ctx) => {
    const version = versionParam(ctx.params.version);
    if (!(await flows.activate(version, actor(ctx.state)))) throw notFound('Flow version');
    const row = await store.flowVersions.get(version);
    if (!row) throw notFound('Flow version');
    const answer: FlowVersionChangedResponse = { version: toDto(row) };
    ctx.body = answer;
  });
  return router;
}
