/**
 * The only work done before LINE gets its 200: store each event once, keyed by webhookEventId.
 * Processing happens later, from the store (EventProcessor).
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import type { NewWebhookEvent } from '../../store/repositories/webhook-events.repo.ts';
import type { Store } from '../../store/store.ts';

/** The fields of a LINE event this layer relies on; the edge schema guarantees them. */
export interface RawLineEvent {
  type: string;
  timestamp: number;
  mode?: 'active' | 'standby';
  webhookEventId?: string;
  source?: { type: string; userId?: string };
  deliveryContext?: { isRedelivery?: boolean };
}

export interface IngestResult {
  stored: number;
  duplicates: number;
}

/** Old payloads carry no webhookEventId: their content hash stands in, so an identical resend is still one event. */
function eventId(event: RawLineEvent, raw: string): string {
  return event.webhookEventId ?? `sha256:${createHash('sha256').update(raw).digest('hex').slice(0, 64)}`;
}

export class WebhookIngest {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly onStored: () => void,
  ) {}

  async ingest(destination: string | undefined, events: RawLineEvent[]): Promise<IngestResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    const at = this.now();
    const rows: NewWebhookEvent[] = events.map((event) => {
      const raw = JSON.stringify(event);
      return {
        id: eventId(event, raw),
        destination: destination ?? null,
        type: event.type,
        mode: event.mode ?? null,
        source_user_id: event.source?.userId ?? null,
        event_timestamp: event.timestamp,
        is_redelivery: event.deliveryContext?.isRedelivery === true,
        raw,
        received_at: at,
      };
    });
    const stored = await this.store.webhookEvents.insertNew(rows);
    const duplicates = rows.length - stored;
    if (duplicates > 0) this.logger.info({ duplicates }, 'duplicate webhook events ignored');
    if (stored > 0) this.onStored();
    return { stored, duplicates };
  }
}
