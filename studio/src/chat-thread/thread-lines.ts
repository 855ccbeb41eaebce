import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { ConversationDto, MessageDto } from '../../../engine/contracts/conversation.ts';
import { formatTime } from '../shared/format.ts';

/**
 * Lines in the thread that are not messages to or from the customer: an operator's private note ("Note · only
 * your team sees this", never sent to LINE), a line Baton wrote ("Reopened by Ann"), and where auto-assignment
 * gave the conversation to its operator (from the conversation itself: claimedAt).
 */
export function renderNote(m: MessageDto, author: string) {
  if (m.senderKind === 'system') {
    return html`<li class="system thread-line" data-testid="thread-line" data-message-id=${m.id}>
      <div class="bubble">${m.text} · ${formatTime(m.createdAt)}</div>
    </li>`;
  }
  return html`<li class="team-note" data-testid="note" data-message-id=${m.id}>
    <div class="note-label">${msg('Note · only your team sees this')}</div>
    <div class="bubble">${m.text}</div>
    <div class="meta"><span>${author}</span><span>${formatTime(m.createdAt)}</span></div>
  </li>`;
}

/** "Assigned automatically to Ann · 14:02", placed among the messages at the time it happened */
export function autoAssignedLine(c: ConversationDto) {
  if (!c.assignedAutomatically || c.claimedAt === null) return nothing;
  return html`<li class="system thread-line" data-testid="auto-assigned-line">
    <div class="bubble">${msg(str`Assigned automatically to ${c.operatorName ?? msg('an operator')} · ${formatTime(c.claimedAt)}`)}</div>
  </li>`;
}
