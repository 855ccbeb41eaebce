import { css } from 'lit';

export const accountStyles = css`
  :host {
    --page-width: 680px;
  }
  .who {
    color: var(--baton-muted);
    overflow-wrap: anywhere;
  }
  section {
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 12px;
    padding: 20px;
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  p {
    margin: 0;
  }
  .step {
    border-radius: 8px;
    padding: 10px 12px;
    background: var(--baton-warning-soft);
    border: 1px solid var(--baton-warning-border);
    color: var(--baton-warning-text);
  }
  @media (max-width: 480px) {
    :host {
      padding: 16px 10px 32px;
    }
    section {
      padding: 16px 14px;
    }
  }
`;
