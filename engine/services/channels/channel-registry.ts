/**
 * The channels' credentials and LINE clients, in memory on every engine. The default channel's come from
 * the environment (or the sandbox); the others are read from the store and decrypted. Several engines share
 * one database: each looks every few seconds whether a channel was added, edited or removed (one small
 * query), and at once when asked for a channel it does not know (a webhook or a send for a channel added on
 * another engine a moment ago), so new and rotated tokens are used without a restart.
 */
import type { LineClient } from '../../line/line-client.ts';
import type { RichMenuClient } from '../../line/rich-menu-client.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { DEFAULT_CHANNEL_ID } from '../../contracts/channels.ts';
import { channelSecretContext, channelTokenContext } from './channel-secret-contexts.ts';
import { UnknownChannelError, type LineClients } from './line-clients.ts';
import type { SecretBox } from './secret-box.ts';

export interface ChannelClients {
  line: LineClient;
  richMenus: RichMenuClient;
}

export interface ChannelRegistryOptions {
  /** the environment's channel */
  defaultChannel: { secret: string } & ChannelClients;
  /** clients for another channel's access token */
  makeClients: (channelAccessToken: string) => ChannelClients;
  /** null without BATON_ENCRYPTION_KEY: stored channels cannot be opened */
  box: SecretBox | null;
  refreshMs: number;
}

interface Entry {
  secret: string;
  token: string;
  clients: ChannelClients;
  /** the row's created_at: which channel of this id the entry is (null: the environment's) */
  addedAt: number | null;
}

/**
 * After looking in the store for a channel it did not know, an engine answers "unknown" from memory for this
 * long: a flood of webhooks to made-up channel URLs costs one small query a second, not one each.
 */
const MISS_RELOAD_MS = 1_000;

/** customers whose channel is remembered (a customer never changes channel) */
const MAX_REMEMBERED_CUSTOMERS = 50_000;

export class ChannelRegistry implements LineClients {
  private entries = new Map<string, Entry>();
  private mark: string | null = null;
  private readonly customerChannels = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> | null = null;
  private lastMissReloadAt = Number.NEGATIVE_INFINITY;
  /** the store being looked in for a channel not known here */
  private missReload: Promise<void> | null = null;

  constructor(
    private readonly store: Pick<Store, 'channels' | 'customers'>,
    private readonly logger: Logger,
    private readonly options: ChannelRegistryOptions,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error: unknown) => this.logger.warn({ error: String(error) }, 'channels not re-read'));
    }, this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** true when the channel is configured (looked up in the store when not known here yet) */
  async has(channelId: string): Promise<boolean> {
    return (await this.entry(channelId)) !== null;
  }

  /** the channel's secret for webhook signatures; null for an unknown channel */
  async secretOf(channelId: string): Promise<string | null> {
    if (channelId === DEFAULT_CHANNEL_ID) return this.options.defaultChannel.secret;
    return (await this.entry(channelId))?.secret ?? null;
  }

  async of(channelId: string): Promise<LineClient> {
    return (await this.clients(channelId)).line;
  }

  async richMenusOf(channelId: string): Promise<RichMenuClient> {
    return (await this.clients(channelId)).richMenus;
  }

  async addedAt(channelId: string): Promise<number | null> {
    const entry = await this.entry(channelId);
    if (!entry) throw new UnknownChannelError(channelId);
    return entry.addedAt;
  }

  async ofCustomer(customerId: string): Promise<LineClient> {
    // one channel only (the common case): no lookup on the send path
    if (this.entries.size === 0) return this.options.defaultChannel.line;
    return this.of(await this.channelOfCustomer(customerId));
  }

  async channelOfCustomer(customerId: string): Promise<string> {
    const known = this.customerChannels.get(customerId);
    if (known !== undefined) return known;
    const customer = await this.store.customers.findById(customerId);
    if (!customer) throw new Error(`customer ${customerId} not found`);
    if (this.customerChannels.size >= MAX_REMEMBERED_CUSTOMERS) this.customerChannels.clear();
    this.customerChannels.set(customerId, customer.channel_id);
    return customer.channel_id;
  }

  /** Reads the channels again now (after a change made on this engine). */
  async changed(): Promise<void> {
    this.mark = null;
    await this.reloadFromNow();
  }

  private async clients(channelId: string): Promise<ChannelClients> {
    if (channelId === DEFAULT_CHANNEL_ID) return this.options.defaultChannel;
    const entry = await this.entry(channelId);
    if (!entry) throw new UnknownChannelError(channelId);
    return entry.clients;
  }

  private async entry(channelId: string): Promise<Entry | null> {
    if (channelId === DEFAULT_CHANNEL_ID) return { secret: this.options.defaultChannel.secret, token: '', clients: this.options.defaultChannel, addedAt: null };
    const known = this.entries.get(channelId);
    if (known) return known;
    // a miss while another miss's look is under way takes that look's answer (a webhook racing the rich-menu sync
    // to a channel just added on another engine); after it, misses answer from memory for MISS_RELOAD_MS
    if (!this.missReload) {
      if (Date.now() - this.lastMissReloadAt < MISS_RELOAD_MS) return null;
      this.lastMissReloadAt = Date.now();
      this.missReload = this.reloadFromNow().finally(() => {
        this.missReload = null;
      });
    }
    await this.missReload;
    return this.entries.get(channelId) ?? null;
  }

  /**
   * A reload that reads the store after this call: one under way (the timer's) may have read it before the
   * change being looked for was committed, so it is waited for and a new one run.
   */
  private async reloadFromNow(): Promise<void> {
    const underWay = this.reloading;
    if (underWay) await underWay.catch(() => undefined);
    await this.reload();
  }

  /** one reload at a time; skipped when nothing changed since the last */
  private reload(): Promise<void> {
    this.reloading ??= this.readChannels().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async readChannels(): Promise<void> {
    const mark = await this.store.channels.changeMark();
    if (mark === this.mark) return;
    const rows = await this.store.channels.list();
    const next = new Map<string, Entry>();
    for (const row of rows) {
      if (row.id === DEFAULT_CHANNEL_ID || row.secret_enc === null || row.access_token_enc === null) continue;
      const { box } = this.options;
      if (!box) {
        this.logger.error({ channel: row.id }, 'channel not usable: BATON_ENCRYPTION_KEY is not set, its credentials cannot be decrypted');
        continue;
      }
      try {
        const secret = box.open(row.secret_enc, channelSecretContext(row.id));
        const token = box.open(row.access_token_enc, channelTokenContext(row.id));
        const before = this.entries.get(row.id);
        // a client per token: a rotated token gets a new one, an unchanged one keeps its connections
        const clients = before?.token === token ? before.clients : this.options.makeClients(token);
        next.set(row.id, { secret, token, clients, addedAt: Number(row.created_at) });
      } catch (error) {
        this.logger.error({ channel: row.id, error: error instanceof Error ? error.message : String(error) }, 'channel not usable: its credentials do not decrypt');
      }
    }
    // a rotated token's or removed channel's client: its kept-alive connections to LINE are let go
    const kept = new Set([...next.values()].map((entry) => entry.clients));
    for (const entry of this.entries.values()) if (!kept.has(entry.clients)) entry.clients.line.retire();
    this.entries = next;
    this.mark = mark;
  }
}
