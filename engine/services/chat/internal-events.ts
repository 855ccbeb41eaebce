/**
 * Events Baton raises for itself (a wait step is due, a queued customer waited too long) go through the
 * same table as LINE's webhook events: they are then processed exactly once, in order with the
 * customer's own messages, by whichever engine claims them. Their ids are deterministic, so two engines
 * raising the same event store it once.
 */
import type { Store } from '../../store/store.ts';

export const InternalEventType = { RESUME: 'baton.resume', QUEUE_TIMEOUT: 'baton.queue-timeout' } as const;
export type InternalEventType = (typeof InternalEventType)[keyof typeof InternalEventType];

export interface InternalEvent {
  type: InternalEventType;
  timestamp: number;
  source: { type: 'user'; userId: string };
  /** the step to run (queue timeout) */
  stepId?: string;
}

export function isInternalEvent(value: { type: string }): value is InternalEvent {
  return value.type === InternalEventType.RESUME || value.type === InternalEventType.QUEUE_TIMEOUT;
}

/** `channelId`: the customer's channel, whose client answers them */
export async function raiseInternalEvent(store: Store, event: InternalEvent, key: string, now: number, channelId: string): Promise<boolean> {
  const stored = await store.webhookEvents.insertNew([
    {
      id: `${event.type}:${key}`,
      destination: null,
      type: event.type,
      mode: 'active',
      source_user_id: event.source.userId,
      channel_id: channelId,
      event_timestamp: event.timestamp,
      is_redelivery: false,
      raw: JSON.stringify(event),
      received_at: now,
    },
  ]);
  return stored === 1;
}
