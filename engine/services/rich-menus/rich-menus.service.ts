/**
 * Rich menus that follow the conversation (docs/rich-menus.md), wired as one piece: the catalog makes each
 * version's menus at LINE in each channel (with the channel's rich menu client) and keeps each channel's default; the linker links each customer's menu as their
 * conversation changes, heard through the publisher the services already tell.
 */
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { LineClients } from '../channels/line-clients.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import type { RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { MenusNotReady, RichMenuCatalog, type RemovedMenus } from './rich-menu-catalog.ts';
import { RichMenuLinker } from './rich-menu-linker.ts';
import { withRichMenus } from './with-rich-menus.ts';

export interface RichMenusOptions {
  flowsDir: string;
  /** names this engine in leases */
  owner: string;
  /** how often the active version's menus and default are checked (a publish or rollback on any engine) */
  syncMs: number;
  leaseMs: number;
  linksInFlight: number;
  maxAttempts: number;
  backoffMs: number;
  pollMs: number;
}

export class RichMenusService {
  private readonly catalog: RichMenuCatalog;
  private readonly linker: RichMenuLinker;
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  /** channels being deleted: no sync starts meanwhile (it could make menus in a channel whose rows are going) */
  private removing = 0;

  constructor(store: Store, flows: FlowRegistry, line: LineClients, private readonly logger: Logger, now: () => number, private readonly options: RichMenusOptions) {
    this.catalog = new RichMenuCatalog(store, flows, line, logger, now, { flowsDir: options.flowsDir, owner: options.owner, leaseMs: options.leaseMs });
    this.linker = new RichMenuLinker(store, flows, this.catalog, line, logger, now, {
      owner: options.owner,
      leaseMs: options.leaseMs,
      concurrency: options.linksInFlight,
      maxAttempts: options.maxAttempts,
      backoffMs: options.backoffMs,
      pollMs: options.pollMs,
    });
  }

  /** `publisher`, also telling the linker of every conversation change */
  following(publisher: RealtimePublisher): RealtimePublisher {
    return withRichMenus(publisher, this.linker, this.logger);
  }

  start(): void {
    this.linker.start();
    this.sync();
    this.timer = setInterval(() => this.sync(), this.options.syncMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.syncing;
    await this.linker.stop();
  }

  /** Deletes a channel (`deleteRows`) and the menus Baton made for it at LINE (RichMenuCatalog.removeChannel), between syncs. */
  async removeChannel(channelId: string, deleteRows: () => Promise<void>): Promise<RemovedMenus> {
    this.removing += 1;
    try {
      await this.syncing;
      return await this.catalog.removeChannel(channelId, deleteRows);
    } finally {
      this.removing -= 1;
    }
  }

  private sync(): void {
    if (this.removing > 0) return;
    this.syncing ??= this.catalog
      .syncActive()
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.logger[error instanceof MenusNotReady ? 'info' : 'warn']({ error: message }, 'rich menus not in step with the active flows yet; tried again soon');
      })
      .finally(() => {
        this.syncing = null;
      });
  }
}
