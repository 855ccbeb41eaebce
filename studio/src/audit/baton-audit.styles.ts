import { css } from 'lit';

export const auditStyles = css`
  :host {
    --page-width: 1280px;
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
