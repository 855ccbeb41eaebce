/**
 * Links each customer's menu as their conversation's state changes: waiting, with a human, closed (the
 * `richMenus` of their channel's Flow), with their channel's token and that channel's menus (a menu id of
 * one channel is unknown to another). A change is written down (rich_menu_links, latest state wins) and the LINE call
 * made by this loop: never on a webhook's or an operator's path. Calls are claimed under a lease (one
 * engine makes each), a few at a time (LINE rate-limits linking), retried with back-off on 429, 5xx and
 * network failures; another 4xx (a customer who blocked the account) is given up at once. Failures are
 * logged with the status and LINE's message, never the token.
 */
import { NO_RICH_MENU } from '../../domain/flow/validation/flow-references.ts';
import type { RichMenuState } from '../../domain/flow/flow-document.ts';
import { setForChannel } from '../../domain/flow/set-for-channel.ts';
import { LineApiError } from '../../line/line-api-error.ts';
import type { Logger } from '../../logger.ts';
import type { RichMenuLinkRow } from '../../store/repositories/rich-menus.repo.ts';
import type { Store } from '../../store/store.ts';
import { UnknownChannelError, type LineClients } from '../channels/line-clients.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { MenusNotReady, type RichMenuCatalog } from './rich-menu-catalog.ts';

export interface RichMenuLinkerOptions {
  owner: string;
  leaseMs: number;
  /** calls at once per engine */
  concurrency: number;
  maxAttempts: number;
  /** first retry delay, doubled each attempt, at most 5 minutes */
  backoffMs: number;
  pollMs: number;
}

/** A conversation's state, as far as menus go. */
export interface ConversationState {
  conversationId: string;
  /** the customer's LINE channel: its Flow's `richMenus` (its own Flow's, or the shared Flow's) apply */
  channelId: string;
  lineUserId: string;
  flowVersion: number | null;
  state: Exclude<RichMenuState, 'bot'>;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export class RichMenuLinker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** the last state written per customer by this engine: a conversation is updated for many reasons */
  private readonly written = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly catalog: RichMenuCatalog,
    private readonly line: LineClients,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: RichMenuLinkerOptions,
  ) {}

  /** A conversation changed; writes down the menu its state calls for (when it is a new state) and kicks the loop. */
  async changed(change: ConversationState): Promise<void> {
    const key = `${change.conversationId}:${change.state}:${change.flowVersion ?? ''}`;
    const customer = `${change.channelId}:${change.lineUserId}`;
    if (this.written.get(customer) === key || change.flowVersion === null) return;
    const set = await this.flows.version(change.flowVersion);
    const mapping = setForChannel(set, change.channelId).entry.richMenus;
    // a flow without menus leaves LINE alone, unless this customer has a menu from an earlier version
    if (!mapping && !(await this.store.richMenus.hasLink(change.channelId, change.lineUserId))) return;
    const menu = mapping?.[change.state];
    const menuId = menu === undefined || menu === NO_RICH_MENU ? null : menu;
    const link = { channelId: change.channelId, lineUserId: change.lineUserId, conversationId: change.conversationId, flowVersion: change.flowVersion, state: change.state, menuId };
    await this.store.richMenus.want(link, this.now());
    this.written.set(customer, key);
    if (this.written.size > 10_000) this.written.clear();
    this.kick();
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error({ error: String(error) }, 'rich menu links failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.store.richMenus.release(this.options.owner);
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rows = await this.store.richMenus.claimDue(this.options.owner, this.now(), this.options.leaseMs, this.options.concurrency);
      if (rows.length === 0 || this.stopped) return;
      await Promise.all(rows.map((row) => this.call(row)));
    }
  }

  private async call(row: RichMenuLinkRow): Promise<void> {
    try {
      const line = await this.line.richMenusOf(row.channel_id);
      if (row.menu_id === null) {
        await line.unlink(row.line_user_id);
      } else {
        const richMenuId = (await this.catalog.menusOf(row.channel_id, row.flow_version)).get(row.menu_id);
        if (!richMenuId) throw new Error(`flow version ${row.flow_version} has no rich menu "${row.menu_id}" for channel ${row.channel_id}`);
        await line.link(row.line_user_id, richMenuId);
      }
      await this.store.richMenus.linkDone(row, this.options.owner);
      this.logger.debug({ channel: row.channel_id, conversationId: row.conversation_id, state: row.state, menuId: row.menu_id }, 'rich menu linked');
    } catch (error) {
      await this.failed(row, error);
    }
  }

  private async failed(row: RichMenuLinkRow, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof LineApiError ? error.status : null;
    const context = { channel: row.channel_id, conversationId: row.conversation_id, state: row.state, menuId: row.menu_id, attempt: row.attempts, status, error: message };
    // a deleted channel's customers cannot be reached any more: no retry brings its token back
    const refused = (error instanceof LineApiError && !error.retryable && status !== null) || error instanceof UnknownChannelError;
    if (refused || row.attempts >= this.options.maxAttempts) {
      await this.store.richMenus.linkGaveUp(row, this.options.owner, message);
      this.logger.warn(context, 'linking a rich menu failed; given up');
      return;
    }
    const retryAfter = error instanceof LineApiError ? (error.retryAfterMs ?? 0) : 0;
    const delay = Math.max(retryAfter, Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 2 ** (row.attempts - 1)));
    await this.store.richMenus.linkRetry(row, this.options.owner, message, this.now() + delay);
    this.logger[error instanceof MenusNotReady ? 'info' : 'warn'](context, 'linking a rich menu failed; retried later');
  }
}
