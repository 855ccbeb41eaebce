import { css } from 'lit';

/** The Channels page's cards and forms (light and dark through the palette's variables). */
export const channelsStyles = css`
  h2 {
    overflow-wrap: anywhere;
  }
  .page-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 12px;
    border: 1px solid var(--baton-border);
    border-radius: 8px;
    background: var(--baton-surface);
    min-width: 0;
  }
  .channels {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .head {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    flex-wrap: wrap;
  }
  .who {
    display: flex;
    gap: 10px;
    align-items: center;
    flex: 1;
    min-width: 200px;
  }
  .avatar {
    flex: none;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    object-fit: cover;
    display: grid;
    place-items: center;
    background: var(--baton-line-green-fill);
    color: var(--baton-on-fill);
    font-weight: 600;
  }
  .id {
    font-family: var(--baton-mono);
    font-size: 13px;
    color: var(--baton-muted);
    overflow-wrap: anywhere;
  }
  .badge.default {
    background: var(--baton-accent-soft);
    color: var(--baton-accent);
    vertical-align: middle;
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  .url-row {
    display: flex;
    gap: 6px;
  }
  .url-row input {
    flex: 1;
    min-width: 0;
    font-family: var(--baton-mono);
    font-size: 13px;
    background: var(--baton-surface-alt);
  }
  form {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
    gap: 10px 12px;
    align-items: start;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 13px;
    font-weight: 500;
    min-width: 0;
  }
  label > input:not([type='checkbox']) {
    width: 100%;
  }
  .card p {
    margin: 0;
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 8px;
    font-weight: 400;
  }
  .hint {
    font-size: 12px;
    font-weight: 400;
    color: var(--baton-muted);
  }
  .wide {
    grid-column: 1 / -1;
  }
  .buttons {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    flex-wrap: wrap;
  }
  .field-error {
    color: var(--baton-danger);
    font-size: 13px;
    font-weight: 400;
  }
  input[aria-invalid='true'] {
    border-color: var(--baton-danger);
  }
  .confirm {
    padding: 10px;
    border: 1px solid var(--baton-danger-border);
    border-radius: 6px;
    background: var(--baton-danger-soft);
    color: var(--baton-danger-text);
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .notice {
    padding: 10px 12px;
    border: 1px solid var(--baton-ok-border);
    border-radius: 6px;
    background: var(--baton-ok-soft);
  }
  .copied {
    font-size: 12px;
    color: var(--baton-ok);
  }
`;
