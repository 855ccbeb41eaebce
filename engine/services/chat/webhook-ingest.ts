/**
 * The only work done before LINE gets its 200: store each event once, keyed by webhookEventId.
 * Processing happens later, from the store (EventProcessor).
 *
 * Each event is checked on its own (engine/line/line-event-check.ts); one that fails, or that is
 * older than the retention window, is stored as ignored with the reason and never run. It is still
 * stored (for the record, and so a redelivery of it is a duplicate), with only the columns that
 * passed their own check: whatever else it holds stays inside its raw text.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_CHANNEL_ID } from '../../contracts/channels.ts';
import { checkLineEvent } from '../../line/line-event-check.ts';
import { jsonHazard } from '../../line/json-hazard.ts';
import { chatIdOf } from '../../line/normalize-line-event.ts';
import type { Logger } from '../../logger.ts';
import type { NewWebhookEvent } from '../../store/repositories/webhook-events.repo.ts';
import type { Store } from '../../store/store.ts';
import { TickBatcher } from './tick-batcher.ts';

/** An event of a webhook body as parsed, before its own check (the edge schema checks only the body's shape). */
export type RawLineEvent = unknown;

export interface IngestResult {
  /** new events stored, ignored ones included */
  stored: number;
  duplicates: number;
}

export interface WebhookIngestOptions {
  /** events older than this many days are ignored: retention has deleted the record a redelivery would be checked against; default 30 */
  retentionDays?: number;
  /**
   * every commit waits for the disk (Postgres; SQLite's WAL under synchronous = NORMAL does not): one INSERT
   * under way at a time, the requests arriving meanwhile grouped into the next (TickBatcher's regroup)
   */
  commitsWaitForDisk?: boolean;
}

const DAY_MS = 86_400_000;
const INSERT_CHUNK = 500;
/** on Postgres, how long a batch that waited for the INSERT before it waits for the requests that INSERT answered (tick-batcher.ts) */
const GROUP_COMMIT_REGROUP_MS = 1;
/** the type column of an event whose own type failed its check */
const INVALID_TYPE = 'invalid';
/** LINE's id formats, the schema's patterns: a column holds a value only if it passed */
const TOKEN = /^[0-9A-Za-z_-]{1,64}$/;
const LINE_TYPE = /^[A-Za-z]{1,32}$/;
const USER_ID = /^U[0-9a-f]{32}$/;

/**
 * Old payloads carry no webhookEventId: their content hash stands in, so an identical resend is still
 * one event. In base64url (50 characters in all): the id is also each message's webhook_event_id,
 * 64 characters at most, and the hex form (71) made every such message fail on Postgres.
 */
function hashId(raw: string): string {
  return `sha256:${createHash('sha256').update(raw).digest('base64url')}`;
}

/** a field of a value of unknown shape, only if it is the object's own (never from a prototype) */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined;
}

const matching = (value: unknown, pattern: RegExp): string | null => (typeof value === 'string' && pattern.test(value) ? value : null);

/** what is stored for an event too deep to serialise again and with no text of its own (a body the cut-out refused) */
const UNSERIALISABLE = JSON.stringify({ baton: 'not stored: nested too deeply to serialise' });

/** Per request: how many of its rows were new, and how many of those are to be run. */
interface Inserted {
  stored: number;
  pending: number;
}

export class WebhookIngest {
  /** requests arriving together are stored with one INSERT (on Postgres also those arriving while one is being committed) */
  private readonly batcher: TickBatcher<NewWebhookEvent[], Inserted>;
  private readonly retentionMs: number;
  /** requests being stored now: event processing lets them go first (settled) */
  private readonly storing = new Set<Promise<Inserted>>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly onStored: (count: number) => void,
    options: WebhookIngestOptions = {},
  ) {
    this.retentionMs = (options.retentionDays ?? 30) * DAY_MS;
    const groupCommit = options.commitsWaitForDisk ? { maxInFlight: 1, regroupMs: GROUP_COMMIT_REGROUP_MS } : {};
    this.batcher = new TickBatcher((batches) => this.insertBatches(batches), groupCommit);
  }

  /**
   * `events`: the body's events as parsed, not yet checked. `texts`: each event as LINE sent it,
   * from webhookEventTexts (stored as they are); without them each event is serialised here.
   */
  async ingest(destination: string | undefined, events: readonly RawLineEvent[], texts?: readonly string[], channelId = DEFAULT_CHANNEL_ID): Promise<IngestResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    const at = this.now();
    const reasons: string[] = [];
    const rows = events.map((value, i) => {
      const row = this.row(value, texts?.[i] ?? null, destination ?? null, at, channelId);
      if (row.ignored !== undefined) reasons.push(row.ignored);
      return row;
    });
    // counted, never with the values: reasons name the place and the rule only
    if (reasons.length > 0) this.logger.warn({ ignored: reasons.length, reasons: [...new Set(reasons)].slice(0, 5) }, 'webhook events stored as ignored');
    const storing = this.batcher.add(rows);
    this.storing.add(storing);
    const { stored, pending } = await storing.finally(() => this.storing.delete(storing));
    const duplicates = rows.length - stored;
    if (duplicates > 0) this.logger.info({ duplicates }, 'duplicate webhook events ignored');
    if (pending > 0) this.onStored(pending);
    return { stored, duplicates };
  }

  /**
   * Resolves once the requests being stored at the time of asking are stored (or failed); requests
   * arriving later do not hold it up. The event processor waits for it before each batch, so an
   * acknowledgement LINE is waiting for never queues for the database behind event processing.
   */
  settled(): Promise<void> {
    if (this.storing.size === 0) return Promise.resolve();
    return Promise.allSettled([...this.storing]).then(() => undefined);
  }

  private row(value: unknown, text: string | null, destination: string | null, at: number, channelId: string): NewWebhookEvent {
    const check = checkLineEvent(value, text);
    if (check.event) {
      const { event } = check;
      const raw = text ?? JSON.stringify(event);
      const row: NewWebhookEvent = {
        id: event.webhookEventId ?? hashId(raw),
        destination,
        type: event.type,
        mode: event.mode ?? null,
        // the chat's id: a group's events queue behind each other like one customer's (docs/groups.md)
        source_user_id: chatIdOf(event.source),
        channel_id: channelId,
        event_timestamp: event.timestamp,
        is_redelivery: event.deliveryContext?.isRedelivery === true,
        raw,
        received_at: at,
      };
      if (event.timestamp < at - this.retentionMs) row.ignored = `older than the retention window (${this.retentionMs / DAY_MS} days)`;
      return row;
    }
    // without a text of its own the event may be too deep to serialise: ask before JSON.stringify does
    const hazard = text === null ? jsonHazard(value) : null;
    const raw = text ?? (hazard === 'too-deep' ? UNSERIALISABLE : JSON.stringify(value));
    const timestamp = field(value, 'timestamp');
    return {
      id: matching(field(value, 'webhookEventId'), TOKEN) ?? hashId(raw),
      destination,
      type: matching(field(value, 'type'), LINE_TYPE) ?? INVALID_TYPE,
      mode: field(value, 'mode') === 'standby' ? 'standby' : field(value, 'mode') === 'active' ? 'active' : null,
      source_user_id: matching(field(field(value, 'source'), 'userId'), USER_ID),
      channel_id: channelId,
      event_timestamp: typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp >= 0 ? timestamp : at,
      is_redelivery: field(field(value, 'deliveryContext'), 'isRedelivery') === true,
      raw,
      received_at: at,
      ignored: check.problem,
    };
  }

  /**
   * One INSERT for every request's rows; each request learns how many of its own were new. Several
   * statements (over INSERT_CHUNK rows) run in one transaction: if the batch fails, TickBatcher
   * stores each request alone, and rows kept from a first statement would then count as duplicates.
   */
  private async insertBatches(batches: NewWebhookEvent[][]): Promise<Inserted[]> {
    const rows = batches.flat();
    const fresh = new Set<string>();
    const insert = async (store: Store) => {
      // bounded statements: SQLite allows some 32k bound values, a row has 12
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        for (const id of await store.webhookEvents.insertNewIds(rows.slice(i, i + INSERT_CHUNK))) fresh.add(id);
      }
    };
    if (rows.length > INSERT_CHUNK) await this.store.transaction(insert);
    else await insert(this.store);
    // the same event in two requests of one batch is stored once: the first request counts it
    const counted = new Set<string>();
    return batches.map((batch) => {
      const inserted = { stored: 0, pending: 0 };
      for (const row of batch) {
        if (!fresh.has(row.id) || counted.has(row.id)) continue;
        counted.add(row.id);
        inserted.stored += 1;
        if (row.ignored === undefined) inserted.pending += 1;
      }
      return inserted;
    });
  }
}
