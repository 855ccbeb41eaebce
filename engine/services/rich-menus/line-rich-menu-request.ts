/**
 * A RichMenu document as LINE's createRichMenu takes it, with its image, and the hash of both: menus of
 * equal content share one LINE menu, and the hash in the menu's name lets an engine that died between
 * making a menu and recording it find that menu again instead of making a second.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { messagingApi } from '@line/bot-sdk';
import type { RichMenuAction, RichMenuDocument } from '../../domain/flow/flow-document.ts';
import type { RichMenuImage } from '../../line/rich-menu-client.ts';
import { imageFacts } from './image-dimensions.ts';
import { MAX_RICH_MENU_IMAGE_BYTES, richMenuImagePath } from './rich-menu-image-problems.ts';

export interface PreparedRichMenu {
  request: messagingApi.RichMenuRequest;
  image: RichMenuImage;
  contentHash: string;
}

function action(a: RichMenuAction): messagingApi.Action {
  const label = a.label !== undefined ? { label: a.label } : {};
  if (a.postback !== undefined) {
    return { type: 'postback', data: a.postback, ...(a.displayText !== undefined ? { displayText: a.displayText } : {}), ...label } as messagingApi.PostbackAction;
  }
  if (a.message !== undefined) return { type: 'message', text: a.message, ...label } as messagingApi.MessageAction;
  return { type: 'uri', uri: a.uri ?? '', ...label } as messagingApi.URIAction;
}

/** LINE's name of a menu Baton made: its id and content hash (LINE allows 300 characters). */
export function lineMenuName(menuId: string, contentHash: string): string {
  return `baton:${menuId}:${contentHash}`;
}

/** Reads the image (relative to the flows folder) and builds the request; throws when the file is gone or wrong. */
export async function prepareRichMenu(menu: RichMenuDocument, flowsDir: string): Promise<PreparedRichMenu> {
  const file = richMenuImagePath(flowsDir, menu.image);
  if (!file) throw new Error(`rich menu "${menu.id}": the image is outside the flows folder`);
  const data = await fs.readFile(file);
  const facts = imageFacts(data);
  if (!facts || data.length > MAX_RICH_MENU_IMAGE_BYTES) throw new Error(`rich menu "${menu.id}": ${menu.image} is not a PNG or JPEG of at most 1 MB`);
  const body = {
    size: menu.size,
    selected: menu.selected ?? true,
    chatBarText: menu.chatBarText,
    areas: menu.areas.map((area) => ({ bounds: area.bounds, action: action(area.action) })),
  };
  const contentHash = createHash('sha256').update(JSON.stringify(body)).update(data).digest('hex').slice(0, 40);
  return { request: { ...body, name: lineMenuName(menu.id, contentHash) }, image: { data, contentType: facts.contentType }, contentHash };
}
