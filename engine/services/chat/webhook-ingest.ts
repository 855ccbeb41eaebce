/**
 * The only work done before LINE gets its 200: store each event once, keyed by webhookEventId.
 * Processing happens later, from the store (EventProcessor).
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import type { NewWebhookEvent } from '../../store/repositories/webhook-events.repo.ts';
import type { Store } from '../../store/store.ts';
import { TickBatcher } from './tick-batcher.ts';

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

const INSERT_CHUNK = 500;

export class WebhookIngest {
  /** requests arriving together are stored with one INSERT */
  private readonly batcher = new TickBatcher<NewWebhookEvent[], number>((batches) => this.insertBatches(batches));

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly onStored: (count: number) => void,
  ) {}

  /** `texts`: each event as LINE sent it, when the caller has them (stored as they are); else serialised here */
  async ingest(destination: string | undefined, events: RawLineEvent[], texts?: readonly string[]): Promise<IngestResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    const at = this.now();
    const rows: NewWebhookEvent[] = events.map((event, i) => {
      const raw = texts?.[i] ?? JSON.stringify(event);
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
    const stored = await this.batcher.add(rows);
    const duplicates = rows.length - stored;
    if (duplicates > 0) this.logger.info({ duplicates }, 'duplicate webhook events ignored');
    if (stored > 0) this.onStored(stored);
    return { stored, duplicates };
  }

  /** One INSERT for every request's rows; each request learns how many of its own were new. */
  private async insertBatches(batches: NewWebhookEvent[][]): Promise<number[]> {
    const rows = batches.flat();
    const fresh = new Set<string>();
    // bounded statements: SQLite allows some 32k bound values, a row has 9
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      for (const id of await this.store.webhookEvents.insertNewIds(rows.slice(i, i + INSERT_CHUNK))) fresh.add(id);
    }
    // the same event in two requests of one batch is stored once: the first request counts it
    const counted = new Set<string>();
    return batches.map((batch) =>
      batch.filter((row) => {
        if (!fresh.has(row.id) || counted.has(row.id)) return false;
        counted.add(row.id);
        return true;
      }).length,
    );
  }
}
