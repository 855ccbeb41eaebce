import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { CannedResponseDto } from '../../../engine/contracts/rest.ts';
import { describeError } from '../api/api-error.ts';

export const CANNED_LIST_ID = 'canned-list';
export const cannedOptionId = (index: number) => `canned-option-${index}`;

export interface CannedListView {
  matches: readonly CannedResponseDto[];
  activeIndex: number;
  /** what the list is filtered by, for the "nothing matches" line */
  query: string;
  loading: boolean;
  error: unknown;
  /** browse mode has its own search box; slash mode filters by what is typed in the reply */
  search: { onInput: (event: InputEvent) => void; onKeydown: (event: KeyboardEvent) => void } | null;
  onPick: (response: CannedResponseDto) => void;
  onHover: (index: number) => void;
}

/** What a rich response sends besides text, for its line in the list: "Card · Quick replies". */
function richKinds(response: CannedResponseDto): string {
  const kinds = new Set<string>();
  for (const message of response.messages) {
    if (message.type === 'image') kinds.add(msg('Image'));
    if (message.type === 'flex') kinds.add(msg('Card', { desc: 'a LINE flex message, drawn as a card' }));
    if (message.quickReply) kinds.add(msg('Quick replies'));
  }
  return [...kinds].join(' · ');
}

/** The canned-response popup above the reply box. Clicks keep the focus where it is (mousedown). */
export function renderCannedList(view: CannedListView) {
  const keepFocus = (event: Event) => event.preventDefault();
  const empty = view.loading
    ? msg('Loading canned responses…')
    : view.query
      ? msg(str`No canned response matches “${view.query}”.`)
      : msg('No canned responses in the active flows.');
  return html`<div class="picker" data-testid="canned-picker">
    ${view.search
      ? html`<input
          type="search"
          placeholder=${msg('Search canned responses…')}
          aria-label=${msg('Search canned responses')}
          aria-controls=${CANNED_LIST_ID}
          aria-activedescendant=${view.matches.length ? cannedOptionId(view.activeIndex) : nothing}
          data-testid="canned-search"
          @input=${view.search.onInput}
          @keydown=${view.search.onKeydown}
        />`
      : nothing}
    ${view.error ? html`<div class="error" role="alert">${msg(str`Could not load canned responses: ${describeError(view.error)}`)}</div>` : nothing}
    <div role="listbox" id=${CANNED_LIST_ID} aria-label=${msg('Canned responses')} @mousedown=${keepFocus}>
      ${view.matches.map(
        (response, index) =>
          html`<div
            role="option"
            id=${cannedOptionId(index)}
            aria-selected=${index === view.activeIndex ? 'true' : 'false'}
            data-testid="canned-option"
            data-canned-id=${response.id}
            @mouseenter=${() => view.onHover(index)}
            @click=${() => view.onPick(response)}
          >
            <code>${response.shortcut ?? ''}</code><span class="title">${response.title}</span>${response.rich ? html`<span class="kind" data-testid="canned-rich">${richKinds(response)}</span>` : nothing}
            <span class="text">${response.text}</span>
          </div>`,
      )}
      ${view.matches.length === 0 && !view.error ? html`<div class="empty">${empty}</div>` : nothing}
    </div>
    <div class="keys">${msg('↑ ↓ choose · Enter insert · Esc close')}</div>
  </div>`;
}
