/**
 * LINE's rich menu API, as Baton uses it (services/rich-menus/): make a menu and upload its image, link
 * and unlink it per user, the account's default menu, delete. Its own client beside line-client.ts:
 * these calls are made off every customer's path, by their own queue, and never retried here (the
 * queue retries with its back-off, so a rate-limited link waits without holding anything).
 * Every failure is a LineApiError.
 */
import { messagingApi } from '@line/bot-sdk';
import { toLineApiError } from './line-api-error.ts';
import { withTimeout } from './with-timeout.ts';

export interface RichMenuImage {
  data: Buffer;
  contentType: 'image/png' | 'image/jpeg';
}

export interface LineRichMenu {
  richMenuId: string;
  name: string;
}

export interface RichMenuClient {
  /** makes the menu and uploads its image; resolves LINE's richMenuId */
  create(menu: messagingApi.RichMenuRequest, image: RichMenuImage): Promise<string>;
  list(): Promise<LineRichMenu[]>;
  delete(richMenuId: string): Promise<void>;
  link(userId: string, richMenuId: string): Promise<void>;
  unlink(userId: string): Promise<void>;
  setDefault(richMenuId: string): Promise<void>;
  cancelDefault(): Promise<void>;
}

export interface RichMenuClientOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  /** the image upload goes to the data API (api-data.line.me) */
  dataApiBaseUrl: string;
  /** per HTTP call; default 10000 */
  timeoutMs?: number;
}

/**
 * @example
 * const menus = createRichMenuClient({ channelAccessToken, apiBaseUrl: 'https://api.line.me', dataApiBaseUrl: 'https://api-data.line.me' });
 * await menus.link(userId, await menus.create(request, { data: png, contentType: 'image/png' }));
 */
export function createRichMenuClient(options: RichMenuClientOptions): RichMenuClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const api = new messagingApi.MessagingApiClient({ channelAccessToken: options.channelAccessToken, baseURL: new URL(options.apiBaseUrl).origin });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: options.channelAccessToken, baseURL: new URL(options.dataApiBaseUrl).origin });

  async function call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(work(), timeoutMs, operation);
    } catch (error) {
      throw toLineApiError(error, operation);
    }
  }
  // ids from LINE or from a webhook go into paths: encoded, each stays one path segment
  const segment = encodeURIComponent;

  return {
    async create(menu, image) {
      const { richMenuId } = await call('createRichMenu', () => api.createRichMenu(menu));
      try {
        await call('setRichMenuImage', () => blob.setRichMenuImage(segment(richMenuId), new Blob([new Uint8Array(image.data)], { type: image.contentType })));
      } catch (error) {
        // a menu without its image cannot be linked: delete it rather than leave it behind at LINE
        await call('deleteRichMenu', () => api.deleteRichMenu(segment(richMenuId))).catch(() => undefined);
        throw error;
      }
      return richMenuId;
    },
    async list() {
      const { richmenus } = await call('getRichMenuList', () => api.getRichMenuList());
      return richmenus.map((m) => ({ richMenuId: m.richMenuId, name: m.name }));
    },
    async delete(richMenuId) {
      await call('deleteRichMenu', () => api.deleteRichMenu(segment(richMenuId)));
    },
    async link(userId, richMenuId) {
      await call('linkRichMenuIdToUser', () => api.linkRichMenuIdToUser(segment(userId), segment(richMenuId)));
    },
    async unlink(userId) {
      await call('unlinkRichMenuIdFromUser', () => api.unlinkRichMenuIdFromUser(segment(userId)));
    },
    async setDefault(richMenuId) {
      await call('setDefaultRichMenu', () => api.setDefaultRichMenu(segment(richMenuId)));
    },
    async cancelDefault() {
      await call('cancelDefaultRichMenu', () => api.cancelDefaultRichMenu());
    },
  };
}
