/**
 * LINE channels over REST (docs/channels.md): everyone signed in lists the channels they work in; admins add
 * one (its token checked with LINE first), change it, rotate its credentials, delete it. A secret or token
 * goes in and never comes out: no answer carries one.
 */
import Router from '@koa/router';
import { Ajv } from 'ajv';
import type { ChannelListResponse, ChannelResponse, CreateChannelRequest, UpdateChannelRequest } from '../../contracts/channels.ts';
import type { Logger } from '../../logger.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { ChannelsService } from '../../services/channels/channels.service.ts';
import { authorize, type AuthState } from './authorize.ts';
import { readJson } from './read-body.ts';
import { assertValid } from './validate-payload.ts';

const editable = {
  name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
  avatarUrl: { type: ['string', 'null'], maxLength: 2000, pattern: '^https://', description: 'https URL of the account\'s picture; null: none' },
  // LINE's channel secrets are 32 hex characters and tokens about 170 characters; some room for what LINE may change
  channelSecret: { type: 'string', minLength: 16, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', writeOnly: true, description: 'LINE Developers console › Basic settings › Channel secret; stored encrypted, never answered' },
  channelAccessToken: { type: 'string', minLength: 16, maxLength: 1000, pattern: '^[\\x21-\\x7e]+$', writeOnly: true, description: 'Messaging API › Channel access token (long-lived); checked with LINE, stored encrypted, never answered' },
  groupHandoff: { type: 'boolean', description: 'group and room chats may be handed to operators (default true)' },
} as const;

/** the request bodies, as the OpenAPI document shows them */
export const channelSchemas = {
  CreateChannelRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'channelSecret', 'channelAccessToken'],
    properties: {
      id: { type: 'string', pattern: '^[a-z0-9-]{1,32}$', description: 'a slug, part of the webhook URL /webhooks/line/<id>; not "default"' },
      ...editable,
    },
  },
  UpdateChannelRequest: { type: 'object', additionalProperties: false, minProperties: 1, properties: editable },
};

const ajv = new Ajv({ allErrors: false, strict: true });
const validators = {
  create: ajv.compile<CreateChannelRequest>(channelSchemas.CreateChannelRequest),
  update: ajv.compile<UpdateChannelRequest>(channelSchemas.UpdateChannelRequest),
};

export function channelRoutes(sessions: SessionService, logger: Logger, channels: ChannelsService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/channels' });
  router.use(authorize(sessions, logger));

  router.get('/', async (ctx) => {
    const answer: ChannelListResponse = { channels: await channels.list(actorOf(ctx.state.principal)) };
    ctx.body = answer;
  });
  router.get('/:id', async (ctx) => {
    const answer: ChannelResponse = { channel: await channels.get(actorOf(ctx.state.principal), ctx.params.id ?? '') };
    ctx.body = answer;
  });
  router.post('/', async (ctx) => {
    const body = assertValid(validators.create, await readJson(ctx), 'LINE channel');
    const answer: ChannelResponse = { channel: await channels.create(actorOf(ctx.state.principal), body) };
    ctx.status = 201;
    ctx.body = answer;
  });
  router.patch('/:id', async (ctx) => {
    const body = assertValid(validators.update, await readJson(ctx), 'LINE channel change');
    const answer: ChannelResponse = { channel: await channels.update(actorOf(ctx.state.principal), ctx.params.id ?? '', body) };
    ctx.body = answer;
  });
  router.delete('/:id', async (ctx) => {
    await channels.delete(actorOf(ctx.state.principal), ctx.params.id ?? '');
    ctx.status = 204;
  });
  return router;
}
