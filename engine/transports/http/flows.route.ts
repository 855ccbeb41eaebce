/**
 * Flow versions over REST: validate a flow set, publish it, list versions, read one, and activate an
 * older one (rollback). Publishing and activating are admin work (access-table.ts); every change is audited.
 * A draft can be tried before it is published: simulate a conversation with it, or run its flow tests
 * (supervisors and admins; dry runs that store nothing and send nothing).
 */
import Router from '@koa/router';
import type {
  FlowSimulateResponse,
  FlowTestRunResponse,
  FlowValidateResponse,
  FlowVersionChangedResponse,
  FlowVersionDto,
  FlowVersionListResponse,
  FlowVersionResponse,
} from '../../contracts/rest.ts';
import { simulateConversation, SimulationInputError } from '../../domain/flow/simulation/simulate-conversation.ts';
import { runFlowTests } from '../../domain/flow/testing/run-flow-tests.ts';
import { badRequest, notFound } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { AuditAction, type AuditService } from '../../services/audit/audit.service.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import { FlowValidationError, type FlowRegistry } from '../../services/flows/flow-registry.ts';
import type { FlowVersionRow } from '../../store/repositories/flow-versions.repo.ts';
import type { Store } from '../../store/store.ts';
import { readJson } from './read-body.ts';
import { authorize, type AuthState } from './authorize.ts';
import { assertValid, validators } from './validate-payload.ts';

const toDto = (row: Omit<FlowVersionRow, 'documents'>): FlowVersionDto => ({
  version: row.version,
  active: Boolean(row.active),
  publishedBy: row.published_by,
  publishedAt: row.published_at,
  note: row.note ?? null,
});

/** The largest flow set a request may carry (the sources of a big deployment fit many times over). */
const MAX_FLOW_BODY = 2 * 1024 * 1024;

function versionParam(raw: string | undefined): number {
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1) throw badRequest('invalid_version', 'A version is a whole number from 1');
  return version;
}

export function flowRoutes(sessions: SessionService, logger: Logger, flows: FlowRegistry, store: Store, audit: AuditService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/flows' });
  router.use(authorize(sessions, logger));
  const actor = (state: AuthState) => `operator:${state.principal.operatorId}`;

  router.post('/validate', async (ctx) => {
    const body = assertValid(validators.flowFiles, await readJson(ctx, MAX_FLOW_BODY), 'Flow files');
    const result = flows.validate(body.files);
    const answer: FlowValidateResponse = { ok: result.ok, problems: result.ok ? [] : result.problems };
    ctx.body = answer;
  });
  router.post('/simulate', async (ctx) => {
    const body = assertValid(validators.flowSimulate, await readJson(ctx, MAX_FLOW_BODY), 'Simulation');
    const result = flows.validate(body.files);
    if (!result.ok) throw new FlowValidationError(result.problems);
    try {
      const answer: FlowSimulateResponse = simulateConversation(result.set, body);
      ctx.body = answer;
    } catch (error) {
      if (error instanceof SimulationInputError) throw badRequest('invalid_simulation', error.message);
      throw error;
    }
  });
  router.post('/test', async (ctx) => {
    const body = assertValid(validators.flowFiles, await readJson(ctx, MAX_FLOW_BODY), 'Flow files');
    const result = flows.validate(body.files);
    if (!result.ok) throw new FlowValidationError(result.problems);
    const answer: FlowTestRunResponse = {
      results: runFlowTests(result.set).map(({ name, file, index, flow, channel, ranFlow, passed, failure }) => ({ name, file, index, flow, channel, ranFlow, passed, failure })),
    };
    ctx.body = answer;
  });
  router.get('/versions', async (ctx) => {
    const [versions, activations] = await Promise.all([store.flowVersions.list(), store.flowVersions.activations()]);
    const answer: FlowVersionListResponse = { versions: versions.map(toDto), activations };
    ctx.body = answer;
  });
  router.get('/versions/:version', async (ctx) => {
    const row = await store.flowVersions.get(versionParam(ctx.params.version));
    if (!row) throw notFound('Flow version');
    const answer: FlowVersionResponse = { version: toDto(row), files: store.flowVersions.sources(row) };
    ctx.body = answer;
  });
  router.post('/versions', async (ctx) => {
    const body = assertValid(validators.flowPublish, await readJson(ctx, MAX_FLOW_BODY), 'Publish');
    const note = body.note?.trim() || null;
    const published = await flows.publish(body.files, actor(ctx.state), { note, ...(body.baseVersion !== undefined ? { baseVersion: body.baseVersion } : {}) });
    const row = await store.flowVersions.get(published.version);
    if (!row) throw notFound('Flow version');
    await audit.record({ action: AuditAction.FLOW_PUBLISHED, actor: actorOf(ctx.state.principal), target: { type: 'flow_version', id: String(row.version) }, details: { files: body.files.map((f) => f.file), note } });
    const answer: FlowVersionChangedResponse = { version: toDto(row) };
    ctx.status = 201;
    ctx.body = answer;
  });
  router.post('/versions/:version/activate', async (ctx) => {
    const version = versionParam(ctx.params.version);
    if (!(await flows.activate(version, actor(ctx.state)))) throw notFound('Flow version');
    const row = await store.flowVersions.get(version);
    if (!row) throw notFound('Flow version');
    await audit.record({ action: AuditAction.FLOW_ACTIVATED, actor: actorOf(ctx.state.principal), target: { type: 'flow_version', id: String(version) } });
    const answer: FlowVersionChangedResponse = { version: toDto(row) };
    ctx.body = answer;
  });
  return router;
}
