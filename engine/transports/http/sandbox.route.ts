/**
 * The customer simulator's API (sandbox LINE only). Each action becomes a real LINE webhook event,
 * signed with the sandbox channel secret and posted to this engine's own /webhooks/line, so the
 * simulator exercises exactly the path a real LINE delivery takes. Only signed-in studio users may play a
 * customer or read a transcript: anyone else could inject messages and read every sandbox chat.
 * `/hours` tells whether the business is open now by the active flows' calendars: a newcomer trying
 * the simulator at night or at a weekend gets the after-hours answer, and should see why.
 */
import Router from '@koa/router';
import type { SandboxChatResponse, SandboxHoursResponse, SandboxRichMenuImageResponse, SandboxRichMenuResponse, SimulatedEventResponse } from '../../contracts/sandbox.ts';
import { formatNextOpen } from '../../domain/calendar/format-next-open.ts';
import { hoursAt } from '../../domain/calendar/hours-at.ts';
import { badRequest, notFound } from '../../errors.ts';
import type { FakeLinePlatform } from '../../line/sandbox/fake-line-platform.ts';
import type { Logger } from '../../logger.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { FlowRegistry } from '../../services/flows/flow-registry.ts';
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
  /** the active flows, whose calendars `/hours` reads */
  flows: Pick<FlowRegistry, 'active'>;
  now: () => number;
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

  router.get('/hours', async (ctx) => {
    const now = options.now();
    const { set } = await options.flows.active();
    const answer: SandboxHoursResponse = {
      now,
      calendars: [...set.calendars.values()].map((calendar) => {
        const hours = hoursAt(calendar, now);
        return {
          id: calendar.id,
          timezone: calendar.timezone,
          open: hours.open,
          holiday: hours.holiday,
          holidayName: hours.holidayName,
          nextOpen: hours.nextOpen,
          nextOpenText: hours.nextOpen === null ? '' : formatNextOpen(hours.nextOpen, calendar.timezone, 'en', now),
        };
      }),
    };
    ctx.body = answer;
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

  // the customer's rich menu (docs/rich-menus.md): the simulator shows it under the chat, its areas tappable
  router.get('/users/:userId/rich-menu', (ctx) => {
    const seen = options.fake.richMenuOf(userParam(ctx.params.userId));
    const answer: SandboxRichMenuResponse = {
      richMenu: seen && {
        richMenuId: seen.menu.richMenuId,
        chatBarText: seen.menu.chatBarText,
        selected: seen.menu.selected,
        size: seen.menu.size,
        areas: seen.menu.areas,
        linked: seen.linked,
      },
    };
    ctx.body = answer;
  });

  router.get('/rich-menus/:richMenuId/image', (ctx) => {
    const image = options.fake.richMenus.image(ctx.params.richMenuId ?? '');
    if (!image) throw notFound('Rich menu image');
    const answer: SandboxRichMenuImageResponse = { dataUrl: `data:${image.contentType};base64,${image.data.toString('base64')}` };
    ctx.body = answer;
  });
  return router;
}
