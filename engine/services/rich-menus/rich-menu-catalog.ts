/**
 * The LINE rich menus of flow versions. A version's menus are made at LINE when it becomes active (and
 * when a conversation still on an older version needs one): once, across restarts and engines (a row per
 * (version, menu) with a lease; a menu LINE already has under the same name is adopted, not made again;
 * equal content is shared). Every RichMenu of the set is made, so each Flow's `richMenus` (one per channel,
 * docs/flows.md) finds its menus. The `bot` menu of the default channel's Flow in the active version is
 * the account's default. Menus of versions no open conversation uses any more are deleted at LINE: a
 * conversation keeps its version's menus.
 */
import { DEFAULT_CHANNEL_ID } from '../../contracts/channels.ts';
import type { FlowSet } from '../../domain/flow/flow-set.ts';
import { setForChannel } from '../../domain/flow/set-for-channel.ts';
import { NO_RICH_MENU } from '../../domain/flow/validation/flow-references.ts';
import type { RichMenuClient } from '../../line/rich-menu-client.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { prepareRichMenu } from './line-rich-menu-request.ts';

export interface RichMenuCatalogOptions {
  flowsDir: string;
  owner: string;
  /** how long one engine may take to make a menu before another may try */
  leaseMs: number;
}

/** A version's menus are not all made yet (another engine is making them, or LINE failed): try later. */
export class MenusNotReady extends Error {}

const usesRichMenus = (set: FlowSet) => set.richMenus.size > 0;

export class RichMenuCatalog {
  /** LINE ids of each version's menus once all are made: they never change for a version */
  private readonly made = new Map<number, ReadonlyMap<string, string>>();
  /** the default menu this engine last set ('' for none); undefined until it first did */
  private defaultMenu: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly line: RichMenuClient,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: RichMenuCatalogOptions,
  ) {}

  /** The LINE id of each menu of `version`, making those LINE does not have yet; throws MenusNotReady. */
  async menusOf(version: number): Promise<ReadonlyMap<string, string>> {
    const known = this.made.get(version);
    if (known) return known;
    const set = await this.flows.version(version);
    if (!usesRichMenus(set)) return new Map();
    let rows = await this.store.richMenus.ofVersion(version);
    const missing = [...set.richMenus.values()].filter((menu) => !rows.some((row) => row.menu_id === menu.id));
    if (missing.length > 0) {
      const prepared = await Promise.all(missing.map(async (menu) => ({ menu, ...(await prepareRichMenu(menu, this.options.flowsDir)) })));
      await this.store.richMenus.record(prepared.map((p) => ({ flowVersion: version, menuId: p.menu.id, contentHash: p.contentHash })), this.now());
      rows = await this.store.richMenus.ofVersion(version);
    }
    for (const row of rows.filter((r) => r.line_rich_menu_id === null)) {
      const menu = set.richMenus.get(row.menu_id);
      if (menu && (await this.store.richMenus.claim(version, row.menu_id, this.options.owner, this.now(), this.options.leaseMs))) await this.make(version, row.menu_id, row.content_hash, menu);
    }
    rows = await this.store.richMenus.ofVersion(version);
    if (rows.some((row) => row.line_rich_menu_id === null)) throw new MenusNotReady(`the rich menus of flow version ${version} are not made yet`);
    const ids = new Map(rows.map((row) => [row.menu_id, row.line_rich_menu_id ?? '']));
    this.made.set(version, ids);
    return ids;
  }

  /**
   * The active version's menus made and its `bot` menu the default; menus of versions nobody uses deleted.
   * Nothing at all is asked of LINE while no version ever had rich menus.
   */
  async syncActive(): Promise<void> {
    const { version, set } = await this.flows.active();
    const ids = await this.menusOf(version);
    // menus are made at LINE for the default channel (docs/channels.md): its own Flow's, or the shared one's
    const bot = setForChannel(set, DEFAULT_CHANNEL_ID).entry.richMenus?.bot;
    const wanted = bot !== undefined && bot !== NO_RICH_MENU ? (ids.get(bot) ?? '') : '';
    // a default is removed only where one may be set: by this engine, or (after a restart) by an earlier version
    const mayHaveDefault = this.defaultMenu === undefined ? await this.store.richMenus.anyMade() : this.defaultMenu !== '';
    if (wanted !== this.defaultMenu && (wanted !== '' || mayHaveDefault)) {
      if (wanted) await this.line.setDefault(wanted);
      else await this.line.cancelDefault();
      this.logger.info({ version, richMenuId: wanted || null }, wanted ? 'default rich menu set' : 'default rich menu removed');
    }
    this.defaultMenu = wanted;
    for (const old of await this.store.richMenus.unusedVersions(version)) await this.retire(old);
  }

  private async make(version: number, menuId: string, contentHash: string, menu: Parameters<typeof prepareRichMenu>[0]): Promise<void> {
    try {
      const prepared = await prepareRichMenu(menu, this.options.flowsDir);
      // a version keeps the content it was first recorded with; a changed file waits for a new version
      if (prepared.contentHash !== contentHash) throw new Error(`the image or menu "${menuId}" changed since flow version ${version} was recorded; publish a new version`);
      const shared = await this.store.richMenus.liveWithHash(contentHash);
      const adopted = shared ?? (await this.line.list()).find((m) => m.name === prepared.request.name)?.richMenuId;
      const richMenuId = adopted ?? (await this.line.create(prepared.request, prepared.image));
      await this.store.richMenus.made(version, menuId, richMenuId);
      this.logger.info({ version, menuId, richMenuId, adopted: adopted !== undefined }, 'rich menu ready at LINE');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.store.richMenus.failed(version, menuId, message);
      this.logger.warn({ version, menuId, error: message }, 'making a rich menu at LINE failed; retried later');
    }
  }

  private async retire(version: number): Promise<void> {
    for (const richMenuId of await this.store.richMenus.retire(version, this.now())) {
      // LINE unlinks a deleted menu from its users by itself; one already gone (404) is as good as deleted
      await this.line.delete(richMenuId).catch((error: unknown) => this.logger.warn({ version, richMenuId, error: String(error) }, 'deleting an unused rich menu at LINE failed'));
    }
    this.made.delete(version);
    this.logger.info({ version }, 'rich menus of an unused flow version deleted');
  }
}
