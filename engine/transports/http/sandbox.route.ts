/**
 * The customer simulator's API (sandbox LINE only). Each action becomes a real LINE webhook event,
 * signed with the sandbox channel secret and posted to this engine's own /webhooks/line, so the
 * simulator exercises exactly the path a real LINE delivery takes. Only signed-in studio users may play a
 * customer or read a transcript: anyone else could inject messages and read every sandbox chat.
 */
import Router from '@koa/router';
import type { SandboxChatResponse, SimulatedEventResponse } from '../../contracts/sandbox.ts';
import { badRequest } from '../../errors.ts';
import type { FakeLinePlatform } from '../../line/sandbox/fake-line-platform.ts';
import type { Logger } from '../../logger.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import { signLineBody } from '../../line/signature.ts';
import { authorize, type AuthState } from './authorize.ts';
import { readJson } from './read-body.ts';
import { assertValid, validators } from './validate-payload.ts';

export interface SandboxRouteOptions {
  fake: FakeLinePlatform;
  channelSecret: string;
  /** this engine's webhook URL, known once the server listens */
  webhookUrl: () => string;
  sessions: SessionService;
  logger: Logger;
}

const lineUserId = /^U[0-9a-f]{32}$/;

export function sandboxRoutes(options: SandboxRouteOptions): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/sandbox/api' });
  router.use(authorize(options.sessions, options.logger));
  const userParam = (value: string | undefined): string => {
    if (!value || !lineUserId.test(value)) throw badRequest('invalid_user_id', 'A LINE user id is "U" followed by 32 hex digits');
    return value;
  };

  router.get('/info', (ctx) => {
    ctx.body = { enabled: true };
  });

  router.post('/users/:userId/events', async (ctx) => {
    const userId = userParam(ctx.params.userId);
    const request = assertValid(validators.simulatedEvent, await readJson(ctx), 'Simulated event');
    const event = options.fake.simulate(userId, request);
    const body = options.fake.webhookBody([event]);
    const response = await fetch(options.webhookUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, options.channelSecret) },
      body,
    });
    const answer: SimulatedEventResponse = { webhookEventId: event.webhookEventId, status: response.status };
    ctx.body = answer;
  });

  router.get('/users/:userId/chat', (ctx) => {
    const userId = userParam(ctx.params.userId);
    const after = Number(ctx.query.after ?? 0);
    const answer: SandboxChatResponse = { entries: options.fake.chat(userId, Number.isFinite(after) ? after : 0) };
    ctx.body = answer;
  });
  return router;
}
