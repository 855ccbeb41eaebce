/**
 * Copies the content of inbound media messages from LINE's content API into Baton's media storage, off the
 * webhook path: the event handler only queues a row (message_media) in the transaction that stores the
 * message, and this loop claims due rows under a lease (one engine fetches each; Postgres skips rows another
 * engine is claiming), streams the bytes to storage (a video is never held in memory), checks their size and
 * type, and tells operators the message now has its media. Failures are retried with growing waits; LINE
 * answering 404 means it no longer has the content (it keeps content only for a while), which is final.
 */
import { randomBytes } from 'node:crypto';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { LineApiError } from '../../line/line-client.ts';
import type { LineClients } from '../channels/line-clients.ts';
import type { Logger } from '../../logger.ts';
import { MediaStatus, type MediaRow } from '../../store/repositories/media.repo.ts';
import { toMessageDto } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { LeasedWorkLoop } from '../leased-work-loop.ts';
import { conversationRef, type RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { MEDIA_SIZE_LIMITS } from './media-kinds.ts';
import type { MediaStorage } from './media-storage.ts';
import { withMediaOf } from './media-view.ts';
import { SNIFF_BYTES, sniffContentType } from './sniff-content-type.ts';

export interface MediaFetcherOptions {
  /** names this engine on the rows it holds */
  owner: string;
  /** how long a claimed fetch stays with this engine before another may take it over */
  leaseMs: number;
  /** fetches at once */
  concurrency: number;
  /** attempts before giving up (status failed) */
  maxAttempts: number;
  /** wait before the second attempt, doubled for each next one (up to an hour) */
  backoffMs: number;
  /** how often due fetches are looked for when nothing kicked the loop */
  pollMs: number;
  /** a download that sends no byte for this long is given up (and retried) */
  stallMs: number;
}

class TooLarge extends Error {}
class Stalled extends Error {}

const MAX_BACKOFF_MS = 60 * 60 * 1000;

export class MediaFetcher {
  /** claims due fetches under the lease and runs a few at once (leased-work-loop.ts) */
  private readonly loop: LeasedWorkLoop<MediaRow>;

  constructor(
    private readonly store: Store,
    /** the client of the channel the message came in on */
    private readonly line: Pick<LineClients, 'ofCustomer'>,
    private readonly storage: MediaStorage,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: MediaFetcherOptions,
  ) {
    this.loop = new LeasedWorkLoop<MediaRow>(
      {
        name: 'media fetch',
        claim: (room) => this.store.media.claimDue(this.options.owner, this.now(), this.options.leaseMs, room),
        key: (row) => row.message_id,
        run: (row, shutdown) => this.fetchOne(row, shutdown),
        release: () => this.store.media.release(this.options.owner),
      },
      logger,
      options,
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Looks for due fetches now (a media message was just stored). */
  kick(): void {
    this.loop.kick();
  }

  /** Stops claiming, abandons the downloads in hand and hands their rows back, so another engine takes them at once. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async fetchOne(row: MediaRow, signal: AbortSignal): Promise<void> {
    const { owner } = this.options;
    const limit = MEDIA_SIZE_LIMITS[row.kind];
    const key = `${row.message_id}-${randomBytes(6).toString('hex')}`;
    try {
      const message = await this.store.messages.findById(row.message_id);
      if (!message) throw new Error(`message ${row.message_id} not found`);
      const line = await this.line.ofCustomer(message.customer_id);
      const content = await line.getMessageContent(row.line_message_id);
      if (signal.aborted) {
        content.stream.destroy();
        return;
      }
      if (content.contentLength !== null && content.contentLength > limit) {
        content.stream.destroy();
        throw new TooLarge(`${content.contentLength} bytes, over the ${limit} bytes kept for a ${row.kind}`);
      }
      const head: Buffer[] = [];
      const watched = watchDownload(limit, this.options.stallMs, head, signal);
      // either side failing ends both: a refused download lets LINE's connection go
      pipeline(content.stream, watched, () => undefined);
      const { size } = await this.storage.put(key, watched);
      const contentType = sniffContentType(Buffer.concat(head).subarray(0, SNIFF_BYTES));
      if (!(await this.store.media.markStored(row.message_id, owner, { contentType, size, storageKey: key }, this.now()))) {
        // unsent meanwhile, or taken over after our lease ran out: these bytes are nobody's
        await this.storage.delete(key);
        return;
      }
      this.logger.info({ messageId: row.message_id, kind: row.kind, size, contentType }, 'media fetched');
      await this.announce(row.message_id);
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      if (signal.aborted) return;
      await this.failed(row, error);
    }
  }

  private async failed(row: MediaRow, error: unknown): Promise<void> {
    const { owner } = this.options;
    const text = error instanceof Error ? error.message : String(error);
    if (error instanceof LineApiError && error.status === 404) {
      await this.store.media.markGaveUp(row.message_id, owner, MediaStatus.EXPIRED, text);
      this.logger.info({ messageId: row.message_id }, 'media no longer available at LINE');
    } else if (error instanceof TooLarge) {
      await this.store.media.markGaveUp(row.message_id, owner, MediaStatus.TOO_LARGE, text);
      this.logger.warn({ messageId: row.message_id, error: text }, 'media too large to keep');
    } else if (row.attempts >= this.options.maxAttempts) {
      await this.store.media.markGaveUp(row.message_id, owner, MediaStatus.FAILED, text);
      this.logger.error({ messageId: row.message_id, attempts: row.attempts, error: text }, 'media fetch gave up');
    } else {
      const waitMs = Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 2 ** (row.attempts - 1));
      await this.store.media.markRetry(row.message_id, owner, text, this.now() + waitMs);
      this.logger.warn({ messageId: row.message_id, attempt: row.attempts, waitMs, error: text }, 'media fetch failed, retrying');
      return;
    }
    await this.announce(row.message_id);
  }

  /** operators who hear about the message see its media (or why it has none) at once */
  private async announce(messageId: number): Promise<void> {
    const message = await this.store.messages.findById(messageId);
    if (!message) return;
    const [media, conversation] = await Promise.all([
      this.store.media.findByMessageId(messageId),
      message.conversation_id ? this.store.conversations.findById(message.conversation_id) : undefined,
    ]);
    this.publisher.messageUpdated(withMediaOf(toMessageDto(message), media), conversation ? conversationRef(conversation) : null);
  }
}

/**
 * Passes the download through, keeping its first bytes for sniffing; fails it when it grows past `limit`
 * (LINE's Content-Length is not trusted alone), when no byte arrives for `stallMs`, or when `signal` aborts.
 */
function watchDownload(limit: number, stallMs: number, head: Buffer[], signal: AbortSignal): Transform {
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.length;
      if (size > limit) return callback(new TooLarge(`over the ${limit} bytes kept`));
      if (size - chunk.length < SNIFF_BYTES) head.push(chunk.subarray(0, SNIFF_BYTES));
      armStall();
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      clearTimeout(timer);
      callback();
    },
    destroy(error, callback) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      callback(error);
    },
  });
  const armStall = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stream.destroy(new Stalled(`no data from LINE for ${stallMs} ms`)), stallMs);
  };
  const onAbort = () => stream.destroy(new Error('media fetch abandoned (shutdown)'));
  signal.addEventListener('abort', onAbort, { once: true });
  armStall();
  return stream;
}
