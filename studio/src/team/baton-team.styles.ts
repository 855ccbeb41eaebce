import { css } from 'lit';

export const teamStyles = css`
  :host {
    --page-width: 1280px;
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
    flex-wrap: wrap;
  }
  h1 {
    flex: 1;
  }
  .settings {
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 10px;
    padding: 12px 16px;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .settings h2 {
    margin: 0;
    font-size: 14px;
  }
  .notice {
    border-radius: 6px;
    padding: 8px 10px;
    background: var(--baton-ok-soft);
    border: 1px solid var(--baton-ok-border);
    color: var(--baton-ok);
  }
  tbody th {
    background: none;
    font-size: 13px;
    font-weight: 400;
    color: inherit;
    white-space: normal;
    /* an email may break anywhere: on a phone it would otherwise break at every letter, the table scrolls instead */
    min-width: 12em;
  }
  tr:last-child td,
  tr:last-child th {
    border-bottom: none;
  }
  tr.inactive td {
    color: var(--baton-muted);
  }
  .name {
    font-weight: 600;
  }
  .email {
    color: var(--baton-muted);
    font-size: 12px;
    overflow-wrap: anywhere;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .nowrap {
    white-space: nowrap;
  }
  .presence::before {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    margin-right: 6px;
    background: var(--baton-dot-off);
  }
  .presence.available::before {
    background: var(--baton-line-green);
  }
  .presence.away::before {
    background: var(--baton-dot-away);
  }
  .badge.off {
    background: var(--baton-danger-soft);
    color: var(--baton-danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .actions button {
    padding: 3px 8px;
    font-size: 12px;
    white-space: nowrap;
  }
  dialog {
    border: 1px solid var(--baton-border);
    border-radius: 12px;
    padding: 22px;
    width: min(560px, calc(100vw - 24px));
    box-shadow: 0 12px 32px rgb(0 0 0 / 18%);
  }
  dialog::backdrop {
    background: var(--baton-backdrop);
  }
  dialog h2 {
    margin: 0 0 12px;
    font-size: 17px;
  }
  dialog p {
    margin: 0 0 14px;
  }
  .dialog-buttons {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 14px;
  }
`;

/** a confirmation that cannot be undone */
export const dangerButtonStyles = css`
  button.primary.danger-fill {
    background: var(--baton-danger-fill);
    border-color: var(--baton-danger-fill);
  }
  button.primary.danger-fill:hover:not(:disabled) {
    background: var(--baton-danger-fill-hover);
    border-color: var(--baton-danger-fill-hover);
  }
`;
