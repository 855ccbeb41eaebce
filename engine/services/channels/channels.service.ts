/**
 * LINE channels as admins manage them (/api/channels, docs/channels.md): add one with its secret and access
 * token (checked with LINE's bot info first, which also names it), rename it, rotate its credentials, switch
 * group handoff, delete it once no conversation of it is open. Secrets and tokens are encrypted before they
 * are stored and are never answered nor written to the audit log: the log says which of them changed.
 */
import type { ChannelView, CreateChannelRequest, UpdateChannelRequest } from '../../contracts/channels.ts';
import { DEFAULT_CHANNEL_ID } from '../../contracts/channels.ts';
import { badRequest, conflict, notFound, UserError } from '../../errors.ts';
import { LineApiError, type LineBotInfo } from '../../line/line-client.ts';
import type { ChannelChanges, ChannelRow } from '../../store/repositories/channels.repo.ts';
import type { Store } from '../../store/store.ts';
import { AuditAction, type AuditService } from '../audit/audit.service.ts';
import { mayAccessChannel } from '../auth/permissions.ts';
import type { Actor } from '../auth/principal.ts';
import type { RemovedMenus } from '../rich-menus/rich-menu-catalog.ts';
import { channelSecretContext, channelTokenContext } from './channel-secret-contexts.ts';
import { SealedAtRest } from './sealed-at-rest.ts';
import type { SecretBox } from './secret-box.ts';

export interface ChannelsServiceDeps {
  store: Store;
  audit: AuditService;
  /** null without BATON_ENCRYPTION_KEY: channels cannot be added nor their credentials changed */
  box: SecretBox | null;
  /** asks LINE for the bot behind an access token (GET /v2/bot/info) */
  botInfo: (channelAccessToken: string) => Promise<LineBotInfo>;
  /** the engine's clients follow a change at once (other engines within their refresh) */
  changed: () => Promise<void>;
  /** deletes a channel (`deleteRows`) and the rich menus Baton made for it at LINE (services/rich-menus/) */
  removeRichMenus: (channelId: string, deleteRows: () => Promise<void>) => Promise<RemovedMenus>;
  now: () => number;
}

export const toChannelView = (row: ChannelRow): ChannelView => {
  const isDefault = row.id === DEFAULT_CHANNEL_ID;
  return {
    id: row.id,
    name: row.name,
    avatarUrl: row.avatar_url,
    isDefault,
    webhookPath: isDefault ? '/webhooks/line' : `/webhooks/line/${row.id}`,
    groupHandoff: Boolean(row.group_handoff),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    credentialsFromEnvironment: isDefault,
  };
};


export class ChannelsService {
  constructor(private readonly deps: ChannelsServiceDeps) {}

  /** the channels the caller works in (all of them without a limit) */
  async list(actor: Actor): Promise<ChannelView[]> {
    return (await this.deps.store.channels.list()).filter((row) => mayAccessChannel(actor, row.id)).map(toChannelView);
  }

  async get(actor: Actor, id: string): Promise<ChannelView> {
    const row = await this.deps.store.channels.findById(id);
    if (!row || !mayAccessChannel(actor, id)) throw notFound('LINE channel');
    return toChannelView(row);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.deps.store.channels.findById(id)) !== undefined;
  }

  async create(actor: Actor, request: CreateChannelRequest): Promise<ChannelView> {
    const { store, audit, now } = this.deps;
    const box = this.box();
    if (request.id === DEFAULT_CHANNEL_ID || (await store.channels.findById(request.id))) throw conflict('channel_exists', `id: a LINE channel "${request.id}" exists already`);
    const bot = await this.checkToken(request.channelAccessToken);
    const at = now();
    const row: ChannelRow = {
      id: request.id,
      name: request.name ?? (bot.displayName || request.id),
      avatar_url: request.avatarUrl !== undefined ? request.avatarUrl : bot.pictureUrl,
      secret_enc: box.seal(request.channelSecret, channelSecretContext(request.id)),
      access_token_enc: box.seal(request.channelAccessToken, channelTokenContext(request.id)),
      group_handoff: request.groupHandoff ?? true,
      created_at: at,
      updated_at: at,
    };
    await store.transaction(async (tx) => {
      // menus and links a deleted channel of this id left behind (another engine syncing as it went) are not this one's
      await tx.richMenus.dropChannel(row.id);
      await tx.channels.insert(row);
    });
    await this.deps.changed();
    await audit.record({ action: AuditAction.CHANNEL_CREATED, actor, target: { type: 'channel', id: row.id }, details: { name: row.name, groupHandoff: Boolean(row.group_handoff) } });
    return toChannelView(row);
  }

  async update(actor: Actor, id: string, request: UpdateChannelRequest): Promise<ChannelView> {
    const { store, audit, now } = this.deps;
    const before = await store.channels.findById(id);
    if (!before) throw notFound('LINE channel');
    const rotating = request.channelSecret !== undefined || request.channelAccessToken !== undefined;
    if (rotating && id === DEFAULT_CHANNEL_ID) {
      throw badRequest('default_channel_credentials', 'The default channel takes its secret and token from LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN: change them there');
    }
    const changes: ChannelChanges = { updated_at: Math.max(now(), before.updated_at + 1) };
    if (request.name !== undefined) changes.name = request.name;
    if (request.avatarUrl !== undefined) changes.avatar_url = request.avatarUrl;
    if (request.groupHandoff !== undefined) changes.group_handoff = request.groupHandoff;
    if (rotating) {
      const box = this.box();
      if (request.channelAccessToken !== undefined) {
        await this.checkToken(request.channelAccessToken);
        changes.access_token_enc = box.seal(request.channelAccessToken, channelTokenContext(id));
      }
      if (request.channelSecret !== undefined) changes.secret_enc = box.seal(request.channelSecret, channelSecretContext(id));
    }
    const after = (await store.channels.update(id, changes)) ?? before;
    await this.deps.changed();
    await audit.record({ action: AuditAction.CHANNEL_UPDATED, actor, target: { type: 'channel', id }, details: describeChanges(before, request) });
    return toChannelView(after);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const { store, audit } = this.deps;
    if (id === DEFAULT_CHANNEL_ID) throw badRequest('default_channel', 'The default channel (the environment\'s) cannot be deleted');
    const row = await store.channels.findById(id);
    if (!row) throw notFound('LINE channel');
    const open = await store.channels.openConversations(id);
    if (open > 0) throw conflict('channel_in_use', `The channel has ${open} open conversation${open === 1 ? '' : 's'}: close ${open === 1 ? 'it' : 'them'} first`);
    const menus = await this.deps.removeRichMenus(id, () =>
      store.transaction(async (tx) => {
        await tx.channels.delete(id);
        await tx.richMenus.dropChannel(id);
      }),
    );
    await this.deps.changed();
    const richMenus = menus.deleted + menus.left > 0 ? { richMenusDeleted: menus.deleted, ...(menus.left > 0 ? { richMenusLeftAtLine: menus.left } : {}) } : {};
    await audit.record({ action: AuditAction.CHANNEL_DELETED, actor, target: { type: 'channel', id }, details: { name: row.name, ...richMenus } });
  }

  /**
   * Seals again, with the current key, the credentials sealed with the previous one (BATON_PREVIOUS_ENCRYPTION_KEY,
   * docs/channels.md); how many channels changed. Credentials neither key opens stay as they are (the registry
   * logs the channel as unusable).
   */
  async resealStored(): Promise<number> {
    const { store, box } = this.deps;
    if (!box) return 0;
    const secrets = new SealedAtRest(box, channelSecretContext);
    const tokens = new SealedAtRest(box, channelTokenContext);
    let changed = 0;
    for (const row of await store.channels.list()) {
      if (row.secret_enc === null || row.access_token_enc === null) continue;
      const secret = secrets.restored(row.id, row.secret_enc);
      const token = tokens.restored(row.id, row.access_token_enc);
      if (secret === null && token === null) continue;
      const after = { secret_enc: secret ?? row.secret_enc, access_token_enc: token ?? row.access_token_enc };
      // only if unchanged meanwhile (another engine re-sealing them too, an admin rotating them)
      if (await store.channels.replaceCredentials(row, after)) changed += 1;
    }
    if (changed > 0) await this.deps.changed();
    return changed;
  }

  private box(): SecretBox {
    if (!this.deps.box) {
      throw conflict('encryption_key_missing', 'Set BATON_ENCRYPTION_KEY (32 bytes, e.g. `openssl rand -base64 32`) and restart: channel secrets and tokens are stored encrypted with it');
    }
    return this.deps.box;
  }

  /** LINE's answer for the token: 400 when LINE refuses it, 502 when LINE cannot tell now */
  private async checkToken(channelAccessToken: string): Promise<LineBotInfo> {
    try {
      return await this.deps.botInfo(channelAccessToken);
    } catch (error) {
      if (error instanceof LineApiError && (error.status === 401 || error.status === 403)) {
        throw badRequest('line_token_refused', 'channelAccessToken: LINE refused this access token (check it in the LINE Developers console, Messaging API tab)');
      }
      throw new UserError(502, 'line_unavailable', 'LINE could not be asked about this access token right now: try again shortly');
    }
  }
}

/** which fields changed, for the audit log: values for name, avatar and group handoff, never the secret or token */
function describeChanges(before: ChannelRow, request: UpdateChannelRequest): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (request.name !== undefined && request.name !== before.name) changes.name = [before.name, request.name];
  if (request.avatarUrl !== undefined && request.avatarUrl !== before.avatar_url) changes.avatarUrl = [before.avatar_url, request.avatarUrl];
  if (request.groupHandoff !== undefined && request.groupHandoff !== Boolean(before.group_handoff)) changes.groupHandoff = [Boolean(before.group_handoff), request.groupHandoff];
  const rotated = [...(request.channelSecret !== undefined ? ['channelSecret'] : []), ...(request.channelAccessToken !== undefined ? ['channelAccessToken'] : [])];
  return rotated.length > 0 ? { changes, rotated } : { changes };
}
