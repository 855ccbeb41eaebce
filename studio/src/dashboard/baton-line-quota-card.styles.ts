import { css } from 'lit';

export const lineQuotaCardStyles = css`
  :host {
    display: block;
    margin: 16px 0;
  }
  section {
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 10px;
    padding: 12px 16px;
  }
  h2 {
    margin: 0 0 8px;
    font-size: 15px;
  }
  .warning {
    margin: 0 0 10px;
    padding: 6px 10px;
    border-radius: 8px;
    background: var(--baton-warning-soft);
    border: 1px solid var(--baton-warning-border);
    color: var(--baton-warning-text);
  }
  .row {
    display: grid;
    grid-template-columns: minmax(120px, 200px) 1fr minmax(70px, auto);
    align-items: center;
    gap: 8px;
    margin: 4px 0;
    font-size: 13px;
  }
  .track {
    height: 10px;
    border-radius: 5px;
    background: var(--baton-surface-alt);
    border: 1px solid var(--baton-border);
    overflow: hidden;
  }
  .fill {
    height: 100%;
    background: var(--baton-accent-fill);
  }
  .fill.push {
    background: var(--baton-warning-fill);
  }
  .fill.full {
    background: var(--baton-danger-fill);
  }
  .value {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  p {
    margin: 6px 0 0;
    font-size: 13px;
  }
  .muted {
    color: var(--baton-muted);
  }
`;
