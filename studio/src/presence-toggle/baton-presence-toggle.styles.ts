import { css } from 'lit';

export const presenceToggleStyles = css`
  :host {
    display: block;
  }
  .group {
    display: flex;
  }
  .group button {
    flex: 1;
    padding: 5px 10px;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
  }
  .group button:first-child {
    border-top-right-radius: 0;
    border-bottom-right-radius: 0;
  }
  .group button:last-child {
    border-top-left-radius: 0;
    border-bottom-left-radius: 0;
    border-left: none;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--baton-dot-off);
  }
  .available .dot {
    background: var(--baton-line-green);
  }
  .away .dot {
    background: var(--baton-dot-away);
  }
  button[aria-pressed='true'].available {
    background: var(--baton-ok-soft);
    border-color: var(--baton-ok-border);
    color: var(--baton-ok);
    font-weight: 600;
  }
  button[aria-pressed='true'].away {
    background: var(--baton-warning-soft);
    border-color: var(--baton-warning-border);
    color: var(--baton-warning);
    font-weight: 600;
  }
  .status {
    margin-top: 6px;
    font-size: 12px;
    color: var(--baton-muted);
  }
  .status.offline {
    color: var(--baton-warning);
    background: var(--baton-warning-soft);
    border: 1px solid var(--baton-warning-border);
    border-radius: 6px;
    padding: 6px 8px;
    font-weight: 600;
  }
  .status.available {
    color: var(--baton-ok);
  }
  .error {
    margin-top: 6px;
    font-size: 12px;
    padding: 6px 8px;
  }
`;
