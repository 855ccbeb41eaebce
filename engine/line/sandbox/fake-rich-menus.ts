/**
 * LINE's rich menu endpoints, kept in memory: menus made (with their image), each user's linked menu and
 * the account's default, so tests and the sandbox's customer simulator can see which menu a user has.
 *   POST   /v2/bot/richmenu                          -> { richMenuId }
 *   POST   /v2/bot/richmenu/:id/content (image)      -> {} (data API; once per menu, as at LINE)
 *   GET    /v2/bot/richmenu/:id/content              -> the image
 *   GET    /v2/bot/richmenu/list                     -> { richmenus }
 *   DELETE /v2/bot/richmenu/:id                      -> {} (its links and the default go with it)
 *   POST   /v2/bot/user/:userId/richmenu/:id         -> {} (400 while the menu has no image)
 *   DELETE /v2/bot/user/:userId/richmenu             -> {}
 *   GET    /v2/bot/user/:userId/richmenu             -> { richMenuId } or 404
 *   POST   /v2/bot/user/all/richmenu/:id, DELETE and GET /v2/bot/user/all/richmenu: the default
 * As at LINE, menus, links and the default are per channel (whose token the request carries): a channel
 * lists only its own menus, and another channel's menu id is unknown to it (404).
 */
import type { SandboxRichMenuArea } from '../../contracts/sandbox.ts';
import { hexToken } from './fake-ids.ts';
import { isRecord, lineError, type ApiAnswer, type FakeRequest } from './fake-line-types.ts';

export interface FakeRichMenu {
  richMenuId: string;
  name: string;
  chatBarText: string;
  selected: boolean;
  size: { width: number; height: number };
  areas: SandboxRichMenuArea[];
}

/** The menu a user sees: linked to them, else the account's default. */
export interface FakeUserRichMenu {
  menu: FakeRichMenu;
  /** false: the account's default menu */
  linked: boolean;
}

const MENU_PATH = /^\/v2\/bot\/richmenu\/([^/]+)$/;
const CONTENT_PATH = /^\/v2\/bot\/richmenu\/([^/]+)\/content$/;
const DEFAULT_PATH = /^\/v2\/bot\/user\/all\/richmenu(?:\/([^/]+))?$/;
const USER_PATH = /^\/v2\/bot\/user\/([^/]+)\/richmenu(?:\/([^/]+))?$/;

const optional = (key: string, value: unknown): Record<string, string> => (typeof value === 'string' ? { [key]: value } : {});

/** A postback, message or uri action as LINE takes it, or null. */
function parseAction(action: unknown): SandboxRichMenuArea['action'] | null {
  if (!isRecord(action)) return null;
  const label = optional('label', action.label);
  if (action.type === 'postback' && typeof action.data === 'string') return { type: 'postback', data: action.data, ...optional('displayText', action.displayText), ...label };
  if (action.type === 'message' && typeof action.text === 'string') return { type: 'message', text: action.text, ...label };
  if (action.type === 'uri' && typeof action.uri === 'string') return { type: 'uri', uri: action.uri, ...label };
  return null;
}

const notFound = (): ApiAnswer => ({ status: 404, body: lineError('Not found') });
const ok = (body: unknown = {}): ApiAnswer => ({ status: 200, body });
const invalid = (message: string, property: string): ApiAnswer => ({ status: 400, body: lineError('The request body has 1 error(s)', [{ message, property }]) });

const DEFAULT_CHANNEL = 'default';
const userKey = (channel: string, userId: string) => `${channel}\n${userId}`;

export class FakeRichMenus {
  private readonly menus = new Map<string, FakeRichMenu>();
  /** the channel that made each menu */
  private readonly owners = new Map<string, string>();
  private readonly images = new Map<string, { data: Buffer; contentType: string }>();
  /** per channel and user */
  private readonly links = new Map<string, string>();
  /** per channel */
  private readonly defaults = new Map<string, string>();

  /** The menu `userId` sees now in `channel` (the fake's own by default), or null for none. */
  of(userId: string, channel = DEFAULT_CHANNEL): FakeUserRichMenu | null {
    const linked = this.links.get(userKey(channel, userId));
    const id = linked ?? this.defaults.get(channel);
    const menu = id === undefined ? undefined : this.menus.get(id);
    return menu ? { menu, linked: linked !== undefined } : null;
  }

  image(richMenuId: string): { data: Buffer; contentType: string } | null {
    return this.images.get(richMenuId) ?? null;
  }

  /** every menu made and not deleted, of every channel */
  list(): FakeRichMenu[] {
    return [...this.menus.values()];
  }

  /** the answer for a rich menu endpoint, or null when the request is for another endpoint */
  answer(request: FakeRequest): ApiAnswer | null {
    const { method, path } = request;
    const channel = request.channel ?? DEFAULT_CHANNEL;
    if (path === '/v2/bot/richmenu' && method === 'POST') return this.create(channel, request.body);
    if (path === '/v2/bot/richmenu/list' && method === 'GET') return ok({ richmenus: this.list().filter((m) => this.owners.get(m.richMenuId) === channel) });
    const content = CONTENT_PATH.exec(path)?.[1];
    if (content !== undefined) return this.owns(channel, decodeURIComponent(content)) ? this.content(decodeURIComponent(content), request) : notFound();
    const menu = MENU_PATH.exec(path)?.[1];
    if (menu !== undefined && !this.owns(channel, decodeURIComponent(menu))) return notFound();
    if (menu !== undefined && method === 'DELETE') return this.remove(decodeURIComponent(menu));
    if (menu !== undefined && method === 'GET') return ok(this.menus.get(decodeURIComponent(menu)));
    const all = DEFAULT_PATH.exec(path);
    if (all) return this.setDefault(channel, method, all[1] === undefined ? undefined : decodeURIComponent(all[1]));
    const user = USER_PATH.exec(path);
    if (user?.[1] !== undefined) return this.link(channel, method, decodeURIComponent(user[1]), user[2] === undefined ? undefined : decodeURIComponent(user[2]));
    return null;
  }

  /** whether `channel` made the menu: another channel's menu id is unknown to it */
  private owns(channel: string, richMenuId: string): boolean {
    return this.menus.has(richMenuId) && this.owners.get(richMenuId) === channel;
  }

  private create(channel: string, body: unknown): ApiAnswer {
    if (!isRecord(body)) return invalid('May not be empty', 'richMenu');
    const size = isRecord(body.size) ? body.size : {};
    const width = Number(size.width);
    const height = Number(size.height);
    if (!(width >= 800 && width <= 2500 && height >= 250 && width / height >= 1.45)) return invalid('invalid size', 'size');
    if (typeof body.chatBarText !== 'string' || body.chatBarText.length === 0 || [...body.chatBarText].length > 14) return invalid('Length must be between 1 and 14', 'chatBarText');
    if (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 300) return invalid('Length must be between 1 and 300', 'name');
    if (typeof body.selected !== 'boolean') return invalid('May not be empty', 'selected');
    const areas = Array.isArray(body.areas) ? body.areas.filter(isRecord) : [];
    if (areas.length === 0 || areas.length > 20) return invalid('Size must be between 1 and 20', 'areas');
    const parsed: SandboxRichMenuArea[] = [];
    for (const [i, area] of areas.entries()) {
      const b = isRecord(area.bounds) ? area.bounds : {};
      const bounds = { x: Number(b.x), y: Number(b.y), width: Number(b.width), height: Number(b.height) };
      if (!Object.values(bounds).every(Number.isInteger) || bounds.x + bounds.width > width || bounds.y + bounds.height > height) return invalid('The area is out of the rich menu', `areas[${i}].bounds`);
      const action = parseAction(area.action);
      if (!action) return invalid('Invalid action', `areas[${i}].action`);
      parsed.push({ bounds, action });
    }
    const richMenuId = `richmenu-${hexToken()}`;
    this.owners.set(richMenuId, channel);
    this.menus.set(richMenuId, {
      richMenuId,
      name: body.name,
      chatBarText: body.chatBarText,
      selected: body.selected,
      size: { width, height },
      areas: parsed,
    });
    return ok({ richMenuId });
  }

  private content(richMenuId: string, request: FakeRequest): ApiAnswer {
    if (!this.menus.has(richMenuId)) return notFound();
    if (request.method === 'GET') {
      const image = this.images.get(richMenuId);
      return image ? { status: 200, body: null, bytes: image } : notFound();
    }
    if (request.method !== 'POST') return notFound();
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (contentType !== 'image/png' && contentType !== 'image/jpeg') return { status: 415, body: lineError('Unsupported Media Type') };
    const data = request.bytes ?? Buffer.alloc(0);
    if (data.length === 0 || data.length > 1024 * 1024) return { status: 400, body: lineError('The image must be at most 1 MB') };
    // LINE: "you cannot replace an image attached to a rich menu"
    if (this.images.has(richMenuId)) return { status: 400, body: lineError('An image has already been uploaded to the richmenu') };
    this.images.set(richMenuId, { data, contentType });
    return ok();
  }

  private remove(richMenuId: string): ApiAnswer {
    if (!this.menus.delete(richMenuId)) return notFound();
    this.images.delete(richMenuId);
    this.owners.delete(richMenuId);
    for (const [key, linked] of this.links) if (linked === richMenuId) this.links.delete(key);
    for (const [channel, menu] of this.defaults) if (menu === richMenuId) this.defaults.delete(channel);
    return ok();
  }

  private setDefault(channel: string, method: string, richMenuId: string | undefined): ApiAnswer {
    const current = this.defaults.get(channel);
    if (method === 'GET') return current === undefined ? notFound() : ok({ richMenuId: current });
    if (method === 'DELETE' && richMenuId === undefined) {
      this.defaults.delete(channel);
      return ok();
    }
    if (method !== 'POST' || richMenuId === undefined) return notFound();
    const refused = this.linkable(channel, richMenuId);
    if (refused) return refused;
    this.defaults.set(channel, richMenuId);
    return ok();
  }

  private link(channel: string, method: string, userId: string, richMenuId: string | undefined): ApiAnswer {
    const key = userKey(channel, userId);
    if (method === 'GET' && richMenuId === undefined) {
      const linked = this.links.get(key);
      return linked === undefined ? notFound() : ok({ richMenuId: linked });
    }
    if (method === 'DELETE' && richMenuId === undefined) {
      this.links.delete(key);
      return ok();
    }
    if (method !== 'POST' || richMenuId === undefined) return notFound();
    const refused = this.linkable(channel, richMenuId);
    if (refused) return refused;
    this.links.set(key, richMenuId);
    return ok();
  }

  private linkable(channel: string, richMenuId: string): ApiAnswer | null {
    if (!this.owns(channel, richMenuId)) return notFound();
    if (!this.images.has(richMenuId)) return { status: 400, body: lineError('must upload richmenu image before applying it to user') };
    return null;
  }
}
