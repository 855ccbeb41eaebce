import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { SandboxRichMenuArea } from '../../../engine/contracts/sandbox.ts';
import type { SandboxRichMenu } from './sandbox-rich-menu.ts';

/** What a screen reader says for an area: its label, else what tapping it sends. */
function areaName(action: SandboxRichMenuArea['action']): string {
  if (action.label) return action.label;
  if (action.type === 'message') return action.text;
  if (action.type === 'uri') return action.uri;
  return action.displayText ?? action.data;
}

const percent = (part: number, whole: number) => `${(part / whole) * 100}%`;

/**
 * The customer's rich menu under the chat, as a phone shows it: the chat bar (its text opens and closes the
 * menu) and the image, each area a button over it that does what the area does (a postback, a message, a
 * web page in a new tab).
 */
export function renderRichMenu(menus: SandboxRichMenu, tap: (area: SandboxRichMenuArea) => void) {
  const menu = menus.menu;
  if (!menu) return nothing;
  const image = menus.image(menu.richMenuId);
  return html`<div class="rich-menu" data-testid="sim-rich-menu" data-linked=${String(menu.linked)}>
    <button type="button" class="chat-bar" aria-expanded=${String(menus.open)} data-testid="sim-rich-menu-bar" @click=${() => menus.toggle()}>
      ${menu.chatBarText} <span aria-hidden="true">${menus.open ? '▾' : '▴'}</span>
    </button>
    ${menus.open
      ? html`<div class="rich-menu-image" style=${styleMap({ aspectRatio: `${menu.size.width} / ${menu.size.height}` })}>
          ${image ? html`<img src=${image} alt="" />` : nothing}
          ${menu.areas.map(
            (area) => html`<button
              type="button"
              class="rich-menu-area"
              data-testid="sim-rich-menu-area"
              title=${areaName(area.action)}
              aria-label=${areaName(area.action)}
              style=${styleMap({
                left: percent(area.bounds.x, menu.size.width),
                top: percent(area.bounds.y, menu.size.height),
                width: percent(area.bounds.width, menu.size.width),
                height: percent(area.bounds.height, menu.size.height),
              })}
              @click=${() => tap(area)}
            >
              <span>${areaName(area.action)}</span>
            </button>`,
          )}
        </div>`
      : nothing}
    <span class="rich-menu-kind" data-testid="sim-rich-menu-kind">${menu.linked ? msg('Menu linked for this conversation') : msg("The account's default menu")}</span>
  </div>`;
}
