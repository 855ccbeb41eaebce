import { css } from 'lit';

export const auditStyles = css`
  :host {
    display: block;
    overflow-y: auto;
    padding: 20px 16px 40px;
  }
  .page {
    max-width: 1280px;
    margin: 0 auto;
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  h1 {
    margin: 0;
    font-size: 20px;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px 12px;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 10px;
    padding: 12px 14px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 500;
    font-size: 12.5px;
  }
  .buttons {
    display: flex;
    gap: 8px;
    margin-left: auto;
  }
  td.when,
  td.address {
    white-space: nowrap;
  }
  td.action code {
    font-family: var(--baton-mono);
    font-size: 12px;
  }
  .target {
    overflow-wrap: anywhere;
  }
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 8px;
    font-size: 12px;
  }
  dt {
    color: var(--baton-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .more {
    display: flex;
    justify-content: center;
  }
`;
