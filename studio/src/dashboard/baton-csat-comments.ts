import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CsatComment } from '../../../engine/contracts/analytics.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { formatDateTime } from '../shared/format.ts';

/** What customers wrote with their CSAT answer, newest first. */
export class BatonCsatComments extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      li {
        background: var(--baton-surface);
        border: 1px solid var(--baton-border);
        border-radius: 10px;
        padding: 10px 12px;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        font-size: 12px;
        color: var(--baton-muted);
      }
      .score {
        font-weight: 600;
        color: var(--baton-text);
      }
      .score[data-low] {
        color: var(--baton-danger);
      }
      blockquote {
        margin: 6px 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];
  static override properties = { comments: { attribute: false } };

  declare comments: readonly CsatComment[];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.comments = [];
  }

  override render() {
    if (this.comments.length === 0) return html`<p class="muted" data-testid="csat-comments-empty">${msg('No comments on these days.')}</p>`;
    return html`<ol data-testid="csat-comments">
      ${repeat(
        this.comments,
        (c) => `${c.conversationId}:${c.closedAt}`,
        (c) => html`<li data-testid="csat-comment">
          <div class="meta">
            <span class="score" ?data-low=${c.score <= 2} aria-label=${msg(str`Score ${c.score} of 5`)}>${'★'.repeat(c.score)}${'☆'.repeat(Math.max(0, 5 - c.score))} ${c.score}/5</span>
            <span>${c.customerName ?? msg('Customer')}</span>
            ${c.operatorName ? html`<span>${msg(str`with ${c.operatorName}`)}</span>` : ''}
            <span>${formatDateTime(c.closedAt)}</span>
          </div>
          <blockquote>${c.comment}</blockquote>
        </li>`,
      )}
    </ol>`;
  }
}

customElements.define('baton-csat-comments', BatonCsatComments);

declare global {
  interface HTMLElementTagNameMap {
    'baton-csat-comments': BatonCsatComments;
  }
}
