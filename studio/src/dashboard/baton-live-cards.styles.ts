import { css } from 'lit';

export const liveCardStyles = css`
  :host {
    display: block;
  }
  .heading {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 12px;
    margin-bottom: 8px;
  }
  h2 {
    margin: 0;
    font-size: 16px;
  }
  h2 .muted {
    font-weight: 400;
    font-size: 13px;
  }
  .status {
    font-size: 12px;
    color: var(--baton-muted);
  }
  .status[data-status='live'] {
    color: var(--baton-ok);
  }
  .status[data-status='rejected'] {
    color: var(--baton-danger);
  }
  .cards {
    margin: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
    gap: 10px;
  }
  .card {
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 10px;
    padding: 12px 14px;
  }
  dt {
    font-size: 12.5px;
    color: var(--baton-muted);
  }
  dd {
    margin: 0;
  }
  .value {
    font-size: 24px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    margin-top: 4px;
  }
  .note {
    font-size: 12px;
    color: var(--baton-muted);
  }
  .error {
    margin-bottom: 8px;
  }
`;
