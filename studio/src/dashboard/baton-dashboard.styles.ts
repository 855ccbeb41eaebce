import { css } from 'lit';

export const dashboardStyles = css`
  :host {
    --page-width: 1280px;
  }
  h2 {
    margin: 10px 0 0;
  }
  label.inline {
    flex-direction: row;
    align-items: center;
    gap: 6px;
    font-weight: 400;
  }
  .buttons {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-left: auto;
  }
  .hint {
    margin: 0;
    font-size: 12.5px;
    flex-basis: 100%;
  }
  .empty {
    margin: 0;
    padding: 28px;
    text-align: center;
    color: var(--baton-muted);
    background: var(--baton-surface);
    border: 1px dashed var(--baton-border);
    border-radius: 10px;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(520px, 100%), 1fr));
    gap: 12px;
  }
`;
