import { css } from 'lit';

export const flowVersionsStyles = css`
  :host {
    display: block;
  }
  h3 {
    font-size: 11px;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--baton-muted);
    margin: 18px 0 8px;
  }
  h3:first-child {
    margin-top: 0;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
  }
  .versions {
    gap: 6px;
  }
  .versions li {
    border: 1px solid var(--baton-border);
    border-radius: var(--baton-radius);
    background: var(--baton-surface);
    overflow: hidden;
  }
  .versions li[aria-current='true'] {
    border-color: var(--baton-accent);
    box-shadow: 0 0 0 1px var(--baton-accent);
  }
  .pick {
    width: 100%;
    border: none;
    border-radius: 0;
    text-align: left;
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 8px 10px;
    background: none;
  }
  .name {
    font-weight: 600;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .sub {
    font-size: 12px;
    color: var(--baton-muted);
  }
  .activate {
    margin: 0 10px 8px;
    padding: 3px 8px;
    font-size: 12px;
  }
  .confirm {
    margin: 0 10px 10px;
    padding: 8px;
    border-radius: 6px;
    background: var(--baton-warning-soft);
    border: 1px solid var(--baton-warning-border);
    font-size: 12.5px;
  }
  .confirm p {
    margin: 0 0 8px;
  }
  .confirm-actions {
    display: flex;
    gap: 6px;
  }
  .confirm-actions button {
    padding: 4px 10px;
    font-size: 12.5px;
  }
  .history {
    gap: 8px;
    font-size: 12.5px;
  }
  .history li {
    display: flex;
    flex-direction: column;
    gap: 1px;
    padding-left: 10px;
    border-left: 2px solid var(--baton-border);
  }
  .history .what {
    font-weight: 500;
  }
  .note {
    display: block;
    font-size: 12px;
    color: var(--baton-text);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .compare {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 6px;
    margin: 12px 0 4px;
    font-size: 12.5px;
  }
  .compare label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    color: var(--baton-muted);
  }
`;
