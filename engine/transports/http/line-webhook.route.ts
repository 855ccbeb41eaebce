/**
 * POST /webhooks/line (the default channel) and POST /webhooks/line/:channel (another LINE channel,
 * docs/channels.md; an unknown one 404): verify the signature over the raw bytes, check the body's shape (400 if it is
 * not a webhook body at all), store each event once, answer 200. Each event is checked on its own
 * while it is stored: a bad one is stored as ignored and costs its neighbours nothing. Nothing else
 * happens before the answer: LINE gives up after 2 seconds.
 */
import Router from '@koa/router';
import { verifyLineSignature } from '../../line/signature.ts';
import { webhookEventTexts } from '../../line/webhook-event-texts.ts';
import type { Context } from 'koa';
import { DEFAULT_CHANNEL_ID } from '../../contracts/channels.ts';
import { notFound, unauthorized } from '../../errors.ts';
import type { WebhookIngest } from '../../services/chat/webhook-ingest.ts';
import type { RelayIntake } from '../../services/relay/relay-intake.ts';
import { parseJson, readRawBody } from './read-body.ts';
import { refuseWhileDraining } from './refuse-while-draining.ts';
import { assertValid, validators } from './validate-payload.ts';

export interface LineWebhookOptions {
  /** the default channel's secret */
  channelSecret: string;
  /** another channel's secret; null when no such channel is configured. Absent: only the default channel */
  channelSecretOf?: (channelId: string) => Promise<string | null>;
  bodyLimitBytes: number;
  /** LINE sends a body at once: one still arriving after this is refused (408) and its socket freed */
  bodyDeadlineMs: number;
  ingest: WebhookIngest;
  /** the webhook relay's intake (docs/relay.md); its accept answers null, costing nothing, when no target is enabled */
  relay?: Pick<RelayIntake, 'accept'>;
  /** true once the engine shuts down: webhooks then get 503 and LINE redelivers them elsewhere */
  draining?: () => boolean;
}

export function lineWebhookRoutes(options: LineWebhookOptions): Router {
  const router = new Router();
  const draining = refuseWhileDraining(options.draining ?? (() => false));
  router.post('/webhooks/line', draining, (ctx) => receive(ctx, DEFAULT_CHANNEL_ID, options.channelSecret));
  router.post('/webhooks/line/:channel', draining, async (ctx) => {
    const channelId = ctx.params.channel ?? '';
    // the default channel has one URL only: LINE is given /webhooks/line for it
    const secret = channelId === DEFAULT_CHANNEL_ID || !options.channelSecretOf ? null : await options.channelSecretOf(channelId);
    if (secret === null) throw notFound('LINE channel');
    await receive(ctx, channelId, secret);
  });

  async function receive(ctx: Context, channelId: string, channelSecret: string): Promise<void> {
    const raw = await readRawBody(ctx, options.bodyLimitBytes, options.bodyDeadlineMs);
    if (!verifyLineSignature(raw, channelSecret, ctx.get('x-line-signature') || undefined)) {
      throw unauthorized('Missing or invalid x-line-signature');
    }
    const text = raw.toString('utf8');
    const body = assertValid(validators.lineWebhook, parseJson(text), 'LINE webhook body');
    // null when the cut-out cannot prove each text is exactly the event parsed: the events are then serialised
    const texts = webhookEventTexts(text);
    const eventTexts = texts?.length === body.events.length ? texts : undefined;
    const result = await options.ingest.ingest(body.destination, body.events, eventTexts, channelId);
    // queued (not sent) before the 200, so an event LINE redelivers after a failure here is relayed still
    const relaying = options.relay?.accept(body.destination, body.events, eventTexts, channelId);
    if (relaying) await relaying;
    ctx.status = 200;
    ctx.body = { ok: true, ...result };
  }
  return router;
}
