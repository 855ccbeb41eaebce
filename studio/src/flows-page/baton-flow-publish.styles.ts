import { css } from 'lit';

export const flowPublishStyles = css`
  :host {
    position: fixed;
    inset: 0;
    z-index: 20;
    display: grid;
    place-items: center;
    background: var(--baton-backdrop, rgb(0 0 0 / 35%));
  }
  .dialog {
    width: min(860px, 94vw);
    max-height: 90vh;
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 16px;
    border-radius: 10px;
    background: var(--baton-surface);
    color: var(--baton-text);
    border: 1px solid var(--baton-border);
  }
  h3 {
    margin: 0;
    font-size: 16px;
  }
  .diff {
    overflow-y: auto;
    min-height: 80px;
    flex: 1;
  }
  .note {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 13px;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
  .error {
    color: var(--baton-danger);
    background: var(--baton-danger-soft);
    border: 1px solid var(--baton-danger-border);
    border-radius: 6px;
    padding: 8px 10px;
  }
`;
