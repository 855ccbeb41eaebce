import { css } from 'lit';

export const dashboardStyles = css`
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
  h2 {
    margin: 10px 0 0;
    font-size: 16px;
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
