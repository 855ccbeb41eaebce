/**
 * Queues each event of a verified webhook body for each enabled target that takes its type and its channel,
 * once the body's events are stored and before LINE gets its 200: a failure here fails the request, LINE
 * redelivers, and the queue's unique (target, event) key keeps a redelivered event from being relayed twice.
 * Returns null (and costs nothing) when no target is enabled. Sending is the deliverer's, never awaited here.
 *
 * Each event goes alone in a LINE-shaped body {destination, events: [event]}, with the event's text exactly as
 * LINE sent it where the body could be cut into event texts: per event, a target's type filter, its retries and
 * the give-up of one refused event concern that event only (docs/relay.md).
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import type { NewRelayDelivery } from '../../store/repositories/relay-deliveries.repo.ts';
import type { Store } from '../../store/store.ts';
import type { RelayTargets } from './relay-targets.service.ts';

const EVENT_ID = /^[0-9A-Za-z_-]{1,64}$/;
const EVENT_TYPE = /^[A-Za-z]{1,32}$/;

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined);

export class RelayIntake {
  constructor(
    private readonly store: Store,
    private readonly targets: RelayTargets,
    private readonly logger: Logger,
    private readonly now: () => number,
    /** called once deliveries are queued: the deliverer looks for them at once */
    private readonly onQueued: () => void,
  ) {}

  /** `texts`: each event's text as LINE sent it, when the body could be cut into them; `channelId`: whose webhook it came to. */
  accept(destination: string | undefined, events: readonly unknown[], texts: readonly string[] | undefined, channelId: string): Promise<void> | null {
    const targets = this.targets.enabled().filter((target) => !target.channels || target.channels.has(channelId));
    if (targets.length === 0 || events.length === 0) return null;
    const at = this.now();
    const deliveries: NewRelayDelivery[] = [];
    events.forEach((event, i) => {
      const text = texts?.[i] ?? this.serialise(event);
      if (text === null) return;
      const type = field(event, 'type');
      const eventType = typeof type === 'string' && EVENT_TYPE.test(type) ? type : 'invalid';
      const id = field(event, 'webhookEventId');
      const eventKey = typeof id === 'string' && EVENT_ID.test(id) ? id : `sha256:${createHash('sha256').update(text).digest('base64url')}`;
      const body = `{"destination":${JSON.stringify(destination ?? '')},"events":[${text}]}`;
      for (const target of targets) {
        if (target.events && !target.events.has(eventType)) continue;
        deliveries.push({ target_id: target.id, event_key: eventKey, event_type: eventType, body, created_at: at });
      }
    });
    if (deliveries.length === 0) return null;
    return this.store.relayDeliveries.enqueue(deliveries).then(() => this.onQueued());
  }

  /** an event without its own text (a body the cut-out refused): serialised, unless it cannot be */
  private serialise(event: unknown): string | null {
    try {
      return JSON.stringify(event);
    } catch (error) {
      this.logger.warn({ error: String(error) }, 'webhook event not relayed: it cannot be serialised');
      return null;
    }
  }
}
