/**
 * Webhook relay targets over REST (admins; studio › Relay; docs/relay.md): list with each target's delivery
 * status, create (its secret shown in this answer only), change, delete, rotate the secret (shown once again).
 * The secret is in no other answer and no log line.
 */
import Router from '@koa/router';
import { Ajv } from 'ajv';
import type { CreateRelayTargetRequest, RelayTargetListResponse, RelayTargetResponse, RelayTargetSecretResponse, UpdateRelayTargetRequest } from '../../contracts/relay.ts';
import type { Logger } from '../../logger.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { RelayTargets } from '../../services/relay/relay-targets.service.ts';
import { authorize, type AuthState } from './authorize.ts';
import { readJson } from './read-body.ts';
import { assertValid } from './validate-payload.ts';

const targetProperties = {
  name: { type: 'string', minLength: 1, maxLength: 80 },
  url: { type: 'string', minLength: 1, maxLength: 2000, description: 'https; http only to localhost, 127.0.0.1 or [::1] (development)' },
  enabled: { type: 'boolean' },
  events: {
    type: ['array', 'null'],
    maxItems: 30,
    items: { type: 'string', pattern: '^[A-Za-z]{1,32}$' },
    description: 'LINE event types to relay (message, follow, postback, ...); null or empty: every event',
  },
  channels: {
    type: ['array', 'null'],
    maxItems: 100,
    items: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' },
    description: 'LINE channels whose events to relay (ids, `default` for the environment\'s); null or empty: every channel\'s; 400 unknown_channel for an id no channel has',
  },
} as const;

/** the request bodies, as the OpenAPI document shows them */
export const relaySchemas = {
  CreateRelayTargetRequest: { type: 'object', additionalProperties: false, required: ['name', 'url'], properties: targetProperties },
  UpdateRelayTargetRequest: { type: 'object', additionalProperties: false, minProperties: 1, properties: targetProperties },
};

const ajv = new Ajv({ allErrors: false, strict: true });
const validators = {
  create: ajv.compile<CreateRelayTargetRequest>(relaySchemas.CreateRelayTargetRequest),
  update: ajv.compile<UpdateRelayTargetRequest>(relaySchemas.UpdateRelayTargetRequest),
};

export function relayRoutes(sessions: SessionService, logger: Logger, targets: RelayTargets): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/relay-targets' });
  router.use(authorize(sessions, logger));

  router.get('/', async (ctx) => {
    const answer: RelayTargetListResponse = { targets: await targets.list() };
    ctx.body = answer;
  });
  router.post('/', async (ctx) => {
    const body = assertValid(validators.create, await readJson(ctx), 'Relay target');
    const answer: RelayTargetSecretResponse = await targets.create(actorOf(ctx.state.principal), body);
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = answer;
  });
  router.patch('/:id', async (ctx) => {
    const body = assertValid(validators.update, await readJson(ctx), 'Relay target change');
    const answer: RelayTargetResponse = { target: await targets.update(actorOf(ctx.state.principal), ctx.params.id ?? '', body) };
    ctx.body = answer;
  });
  router.delete('/:id', async (ctx) => {
    await targets.delete(actorOf(ctx.state.principal), ctx.params.id ?? '');
    ctx.status = 204;
  });
  router.post('/:id/secret', async (ctx) => {
    const answer: RelayTargetSecretResponse = await targets.rotateSecret(actorOf(ctx.state.principal), ctx.params.id ?? '');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = answer;
  });
  return router;
}
