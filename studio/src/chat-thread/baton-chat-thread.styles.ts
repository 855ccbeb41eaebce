import { css } from 'lit';

export const chatThreadStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    background: var(--baton-surface-alt);
  }
  .placeholder {
    margin: auto;
    color: var(--baton-muted);
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 10px 16px;
    background: var(--baton-surface);
    border-bottom: 1px solid var(--baton-border);
    min-height: 56px;
    flex-wrap: wrap;
  }
  .who {
    flex: 1;
    min-width: 140px;
  }
  .who .name {
    font-weight: 600;
    font-size: 15px;
  }
  .who .sub {
    font-size: 12px;
    color: var(--baton-muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .actions select {
    max-width: 160px;
    padding: 5px 8px;
  }
  .banner {
    margin: 8px 16px 0;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 16px;
    flex: 1;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  li {
    display: flex;
    flex-direction: column;
    max-width: 72%;
  }
  /* what came before this conversation spans the thread's width */
  li.history {
    max-width: none;
    align-self: stretch;
  }
  li.in {
    align-self: flex-start;
    align-items: flex-start;
  }
  li.out {
    align-self: flex-end;
    align-items: flex-end;
  }
  li.system {
    align-self: center;
    align-items: center;
    max-width: 90%;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: 14px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.45;
  }
  .in .bubble {
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-top-left-radius: 4px;
  }
  .out.operator .bubble {
    background: var(--baton-accent-fill);
    color: var(--baton-on-fill);
    border-top-right-radius: 4px;
  }
  .out.bot .bubble {
    background: var(--baton-bot-soft);
    color: var(--baton-bot-text);
    border-top-right-radius: 4px;
  }
  .system .bubble {
    background: none;
    color: var(--baton-muted);
    font-size: 12px;
    padding: 2px 8px;
  }
  /* a Flex card or image the account sent is its own bubble, as in LINE */
  .out.operator .bubble:has(> baton-line-preview),
  .out.bot .bubble:has(> baton-line-preview) {
    background: none;
    border: none;
    padding: 0;
  }
  /* what a message that is not text shows (message-content.ts) */
  .bubble .rich {
    white-space: normal;
  }
  .bubble .hint {
    font-size: 12px;
    color: var(--baton-muted);
  }
  .bubble a.location {
    color: inherit;
  }
  .bubble img.sticker {
    display: block;
    max-width: 120px;
    max-height: 120px;
  }
  .bubble .unsent {
    font-style: italic;
    color: var(--baton-muted);
  }
  .meta {
    display: flex;
    gap: 6px;
    align-items: center;
    font-size: 11px;
    color: var(--baton-muted);
    margin-top: 3px;
  }
  .delivery {
    opacity: 0.75;
  }
  .delivery.failed {
    opacity: 1;
    color: var(--baton-danger);
    font-weight: 600;
  }
  .typing {
    padding: 0 16px 6px;
    font-size: 12px;
    color: var(--baton-muted);
    font-style: italic;
  }
  footer {
    padding: 10px 16px 14px;
    background: var(--baton-surface);
    border-top: 1px solid var(--baton-border);
  }
  .note {
    color: var(--baton-muted);
    text-align: center;
  }
  /* a private note: amber, across the thread's middle, never mistaken for a message to the customer */
  li.team-note {
    align-self: center;
    align-items: stretch;
    max-width: 80%;
    min-width: 40%;
  }
  .team-note .note-label {
    font-size: 11px;
    font-weight: 600;
    color: var(--baton-warning-text);
    margin-bottom: 2px;
  }
  .team-note .bubble {
    background: var(--baton-warning-soft);
    border: 1px dashed var(--baton-dot-away);
    color: var(--baton-warning-text);
    border-radius: 8px;
  }
  .actions input.transfer-note {
    width: 150px;
    padding: 5px 8px;
  }
  .close-form {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin: 8px 16px 0;
    padding: 10px 12px;
    border: 1px solid var(--baton-border);
    border-radius: 8px;
    background: var(--baton-surface);
    font-size: 13px;
  }
  .close-form input {
    flex: 1;
    min-width: 120px;
    padding: 5px 8px;
  }
`;
