import { css } from 'lit';

/** Buttons, inputs and badges shared by every studio component (custom properties come from index.html). */
export const controlStyles = css`
  :host {
    font-family: var(--baton-font);
    color: var(--baton-text);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid var(--baton-border);
    background: var(--baton-surface);
    color: var(--baton-text);
    padding: 6px 12px;
    line-height: 1.3;
  }
  button:hover:not(:disabled) {
    border-color: var(--baton-border-strong);
    background: var(--baton-surface-alt);
  }
  button:disabled {
    cursor: default;
    opacity: 0.55;
  }
  button.primary {
    background: var(--baton-accent-fill);
    border-color: var(--baton-accent-fill);
    color: var(--baton-on-fill);
  }
  button.primary:hover:not(:disabled) {
    background: var(--baton-accent-fill-hover);
    border-color: var(--baton-accent-fill-hover);
  }
  button.danger {
    color: var(--baton-danger);
  }
  input,
  textarea,
  select {
    font: inherit;
    color: inherit;
    border: 1px solid var(--baton-border);
    border-radius: 6px;
    padding: 7px 10px;
    background: var(--baton-surface);
  }
  input:focus,
  textarea:focus,
  select:focus,
  button:focus-visible {
    outline: 2px solid var(--baton-accent);
    outline-offset: 1px;
  }
  .badge {
    display: inline-block;
    font-size: 11px;
    font-weight: 600;
    letter-spacing: 0.02em;
    padding: 1px 7px;
    border-radius: 999px;
    background: var(--baton-neutral-soft);
    color: var(--baton-muted);
    white-space: nowrap;
  }
  .badge.waiting {
    background: var(--baton-warning-soft);
    color: var(--baton-warning);
  }
  .badge.active {
    background: var(--baton-ok-soft);
    color: var(--baton-ok);
  }
  .badge.closed {
    background: var(--baton-neutral-soft);
    color: var(--baton-muted);
  }
  .badge.bot {
    background: var(--baton-bot-soft);
    color: var(--baton-bot);
  }
  .error {
    color: var(--baton-danger);
    background: var(--baton-danger-soft);
    border: 1px solid var(--baton-danger-border);
    border-radius: 6px;
    padding: 8px 10px;
  }
  .muted {
    color: var(--baton-muted);
  }
`;
