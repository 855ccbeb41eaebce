/**
 * Group and room chats in the inbox (docs/groups.md): the mark such a conversation carries in the list and the
 * thread header (the customer there is the whole LINE group), and the name of the member who wrote each of its
 * messages, above the bubble. One-to-one chats carry neither.
 */
import { msg } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ChatSource, MessageDto } from '../../../engine/contracts/conversation.ts';

/** two heads: drawn, not an emoji (a browser without an emoji font shows a box) */
const PEOPLE_ICON = html`<svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" fill="currentColor">
  <circle cx="5.5" cy="5" r="2.5" /><circle cx="11" cy="5.5" r="2" /><path d="M1 13c0-2.5 2-4.5 4.5-4.5S10 10.5 10 13z" /><path d="M9.6 9.1A3.8 3.8 0 0 1 15 12.5V13h-4.2a5.6 5.6 0 0 0-1.2-3.9z" />
</svg>`;

export function chatSourceLabel(source: ChatSource | undefined): TemplateResult | typeof nothing {
  if (source !== 'group' && source !== 'room') return nothing;
  const [text, title] =
    source === 'group'
      ? [msg('Group', { desc: 'a LINE group chat' }), msg('A LINE group: everyone in it reads the answers')]
      : [msg('Room', { desc: 'a LINE multi-person chat without a name' }), msg('A LINE chat room: everyone in it reads the answers')];
  return html`<span class="chat-source" data-testid="chat-source" data-source=${source} title=${title}>${PEOPLE_ICON}${text}</span>`;
}

/** Above a group or room message's bubble: the member who wrote it (LINE's name for them in that chat). */
export function senderName(m: MessageDto): TemplateResult | typeof nothing {
  return m.senderName ? html`<div class="sender" data-testid="sender-name">${m.senderName}</div>` : nothing;
}

export const chatSourceStyles = css`
  .sender {
    font-size: 12px;
    font-weight: 600;
    color: var(--baton-muted);
    margin: 0 4px 2px;
  }
  .chat-source {
    display: inline-block;
    margin-inline-end: 6px;
    padding: 0 6px;
    border-radius: 8px;
    font-size: 11px;
    font-weight: 600;
    line-height: 18px;
    vertical-align: 1px;
    color: var(--baton-text);
    background: var(--baton-accent-soft);
    border: 1px solid var(--baton-border);
  }
  .chat-source .icon {
    margin-inline-end: 3px;
    vertical-align: -1px;
  }
`;
