/**
 * The LINE rich menus of flow versions, per channel: a LINE rich menu id exists only in the channel that made
 * it, so each channel's menus are made with that channel's token. A channel gets the menus its Flow (its own,
 * or the shared one: setForChannel) maps in `richMenus`, made when the version becomes active (for every
 * channel known then; a channel added later at the next sync) and when a conversation needs one (a channel
 * added a moment ago, a conversation still on an older version): once, across restarts and engines (a row per
 * (channel, version, menu) with a lease; a menu the channel already has under the same name is adopted, not
 * made again; equal content is shared within the channel). The `bot` menu of each channel's Flow in the active
 * version is that channel's account default. Menus of versions no open conversation uses any more are deleted
 * at LINE: a conversation keeps its version's menus. A deleted channel's menus are deleted at LINE and forgotten
 * (removeChannel); a channel added again under the same id, maybe for another account, starts afresh on every engine.
 */
import type { FlowSet } from '../../domain/flow/flow-set.ts';
import { setForChannel } from '../../domain/flow/set-for-channel.ts';
import { NO_RICH_MENU } from '../../domain/flow/validation/flow-references.ts';
import { LineApiError } from '../../line/line-api-error.ts';
import type { RichMenuClient } from '../../line/rich-menu-client.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { UnknownChannelError, type LineClients } from '../channels/line-clients.ts';
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

/** What deleting a channel did at LINE: its menus deleted there, and those LINE kept (failures, logged). */
export interface RemovedMenus {
  deleted: number;
  left: number;
}

/** The RichMenu ids the channel's Flow maps (its own Flow's, or the shared Flow's), `none` left out. */
function mappedMenus(set: FlowSet, channelId: string): Set<string> {
  const mapping = setForChannel(set, channelId).entry.richMenus ?? {};
  return new Set(Object.values(mapping).filter((menu): menu is string => menu !== undefined && menu !== NO_RICH_MENU));
}

/**
 * What this engine caches is kept per channel as it was added (LineClients.addedAt): a channel deleted and added
 * again under its id, maybe for another account, misses every cache of the old one on every engine.
 */
const channelKey = (channelId: string, addedAt: number | null) => `${channelId}\n${addedAt ?? ''}`;
const cacheKey = (channelId: string, addedAt: number | null, version: number) => `${channelKey(channelId, addedAt)}\n${version}`;

export class RichMenuCatalog {
  /** LINE ids of each (channel, version)'s menus once all are made: they never change for a version */
  private readonly made = new Map<string, ReadonlyMap<string, string>>();
  /** per channel, the default menu this engine last set ('' for none); absent until it first did */
  private readonly defaultMenus = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly line: LineClients,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: RichMenuCatalogOptions,
  ) {}

  /**
   * The LINE id (in `channelId`) of each menu the channel's Flow maps in `version`, making those the channel
   * does not have yet; throws MenusNotReady, and UnknownChannelError for a channel not configured (any more).
   */
  async menusOf(channelId: string, version: number): Promise<ReadonlyMap<string, string>> {
    // first, so a channel that cannot be reached records nothing (UnknownChannelError)
    const addedAt = await this.line.addedAt(channelId);
    const known = this.made.get(cacheKey(channelId, addedAt, version));
    if (known) return known;
    const set = await this.flows.version(version);
    const wanted = [...mappedMenus(set, channelId)].flatMap((id) => set.richMenus.get(id) ?? []);
    if (wanted.length === 0) return new Map();
    const line = await this.line.richMenusOf(channelId);
    // the channel was deleted and added again on another engine, and this one still holds the old account's token
    if (addedAt !== null && Number((await this.store.channels.findById(channelId))?.created_at) !== addedAt) {
      throw new MenusNotReady(`channel ${channelId} changed on another engine; its credentials are re-read within seconds`);
    }
    let rows = await this.store.richMenus.ofVersion(channelId, version);
    const missing = wanted.filter((menu) => !rows.some((row) => row.menu_id === menu.id));
    if (missing.length > 0) {
      const prepared = await Promise.all(missing.map(async (menu) => ({ menu, ...(await prepareRichMenu(menu, this.options.flowsDir)) })));
      await this.store.richMenus.record(channelId, prepared.map((p) => ({ flowVersion: version, menuId: p.menu.id, contentHash: p.contentHash })), this.now());
      rows = await this.store.richMenus.ofVersion(channelId, version);
    }
    for (const row of rows.filter((r) => r.line_rich_menu_id === null)) {
      const menu = set.richMenus.get(row.menu_id);
      if (menu && (await this.store.richMenus.claim(channelId, version, row.menu_id, this.options.owner, this.now(), this.options.leaseMs))) await this.make(line, channelId, version, row.menu_id, row.content_hash, menu);
    }
    rows = await this.store.richMenus.ofVersion(channelId, version);
    if (rows.some((row) => row.line_rich_menu_id === null)) throw new MenusNotReady(`the rich menus of flow version ${version} are not made yet in channel ${channelId}`);
    const ids = new Map(rows.map((row) => [row.menu_id, row.line_rich_menu_id ?? '']));
    this.made.set(cacheKey(channelId, addedAt, version), ids);
    return ids;
  }

  /**
   * In every channel, the active version's menus made and its Flow's `bot` menu the default; menus of versions
   * nobody uses deleted. Nothing at all is asked of LINE for a channel whose Flows never had rich menus. A
   * channel that cannot be synced now (menus not made yet, LINE failing) does not hold up the others: the
   * first such error is thrown after all were tried, and the next sync tries again.
   */
  async syncActive(): Promise<void> {
    const { version, set } = await this.flows.active();
    let firstError: unknown;
    for (const { id } of await this.store.channels.list()) {
      try {
        await this.syncChannel(id, version, set);
      } catch (error) {
        // a channel whose credentials do not open (no key, deleted meanwhile) has no LINE to make menus at
        if (error instanceof UnknownChannelError) continue;
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError;
    for (const old of await this.store.richMenus.unusedVersions(version)) await this.retire(old);
  }

  /**
   * A channel being deleted: `deleteRows` removes it and its menu rows from the store, then the menus Baton made in
   * it are deleted at LINE with its token (taken before its row goes), which also drops their links and the
   * account's default there. Without this, a channel added later under the same id for another account would be
   * offered the old account's menu ids. A menu LINE no longer has (404) counts as deleted; LINE failing leaves it
   * there (logged), harmless to Baton once its rows are gone.
   */
  async removeChannel(channelId: string, deleteRows: () => Promise<void>): Promise<RemovedMenus> {
    const richMenuIds = await this.store.richMenus.liveInChannel(channelId);
    // credentials that do not open (no key) cannot delete anything: the rows go all the same
    const line = richMenuIds.length > 0 ? await this.line.richMenusOf(channelId).catch(() => null) : null;
    await deleteRows();
    this.forget(channelId);
    let deleted = 0;
    for (const richMenuId of richMenuIds) {
      try {
        if (!line) throw new Error('the channel has no usable access token');
        await line.delete(richMenuId);
        deleted += 1;
      } catch (error) {
        if (error instanceof LineApiError && error.status === 404) deleted += 1;
        else this.logger.warn({ channel: channelId, richMenuId, error: String(error) }, 'deleting a deleted channel\'s rich menu at LINE failed; left there');
      }
    }
    this.logger.info({ channel: channelId, deleted, left: richMenuIds.length - deleted }, 'rich menus of a deleted channel removed');
    return { deleted, left: richMenuIds.length - deleted };
  }

  /** Drops what this engine cached for a channel: its menus' LINE ids and the default it last set there. */
  private forget(channelId: string): void {
    for (const key of this.made.keys()) if (key.startsWith(`${channelId}\n`)) this.made.delete(key);
    for (const key of this.defaultMenus.keys()) if (key.startsWith(`${channelId}\n`)) this.defaultMenus.delete(key);
  }

  private async syncChannel(channelId: string, version: number, set: FlowSet): Promise<void> {
    const channel = channelKey(channelId, await this.line.addedAt(channelId));
    const last = this.defaultMenus.get(channel);
    // a default is removed only where one may be set: by this engine, or (after a restart) by an earlier version
    const mayHaveDefault = last === undefined ? await this.store.richMenus.anyMade(channelId) : last !== '';
    if (mappedMenus(set, channelId).size === 0 && !mayHaveDefault) {
      this.defaultMenus.set(channel, '');
      return;
    }
    const ids = await this.menusOf(channelId, version);
    const bot = setForChannel(set, channelId).entry.richMenus?.bot;
    const wanted = bot !== undefined && bot !== NO_RICH_MENU ? (ids.get(bot) ?? '') : '';
    if (wanted !== last && (wanted !== '' || mayHaveDefault)) {
      const line = await this.line.richMenusOf(channelId);
      if (wanted) await line.setDefault(wanted);
      else await line.cancelDefault();
      this.logger.info({ channel: channelId, version, richMenuId: wanted || null }, wanted ? 'default rich menu set' : 'default rich menu removed');
    }
    this.defaultMenus.set(channel, wanted);
  }

  private async make(line: RichMenuClient, channelId: string, version: number, menuId: string, contentHash: string, menu: Parameters<typeof prepareRichMenu>[0]): Promise<void> {
    const context = { channel: channelId, version, menuId };
    try {
      const prepared = await prepareRichMenu(menu, this.options.flowsDir);
      // a version keeps the content it was first recorded with; a changed file waits for a new version
      if (prepared.contentHash !== contentHash) throw new Error(`the image or menu "${menuId}" changed since flow version ${version} was recorded; publish a new version`);
      const shared = await this.store.richMenus.liveWithHash(channelId, contentHash);
      const adopted = shared ?? (await line.list()).find((m) => m.name === prepared.request.name)?.richMenuId;
      const richMenuId = adopted ?? (await line.create(prepared.request, prepared.image));
      await this.store.richMenus.made(channelId, version, menuId, richMenuId);
      this.logger.info({ ...context, richMenuId, adopted: adopted !== undefined }, 'rich menu ready at LINE');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.store.richMenus.failed(channelId, version, menuId, message);
      this.logger.warn({ ...context, error: message }, 'making a rich menu at LINE failed; retried later');
    }
  }

  private async retire(version: number): Promise<void> {
    for (const { channelId, richMenuId } of await this.store.richMenus.retire(version, this.now())) {
      // LINE unlinks a deleted menu from its users by itself; one already gone (404), or whose channel is gone, is as good as deleted
      await this.line
        .richMenusOf(channelId)
        .then((line) => line.delete(richMenuId))
        .catch((error: unknown) => this.logger.warn({ channel: channelId, version, richMenuId, error: String(error) }, 'deleting an unused rich menu at LINE failed'));
    }
    for (const key of this.made.keys()) if (key.endsWith(`\n${version}`)) this.made.delete(key);
    this.logger.info({ version }, 'rich menus of an unused flow version deleted');
  }
}
