import { css } from 'lit';

export const flowsPageStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(240px, 300px) minmax(0, 1fr);
    min-height: 0;
    height: 100%;
    background: var(--baton-surface);
  }
  aside {
    overflow-y: auto;
    padding: 16px;
    background: var(--baton-surface-alt);
    border-right: 1px solid var(--baton-border);
  }
  .main {
    display: flex;
    flex-direction: column;
    gap: 10px;
    min-height: 0;
    min-width: 0;
    padding: 14px 16px 16px;
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
  }
  .title {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 17px;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .sub {
    font-size: 12.5px;
    color: var(--baton-muted);
    margin-top: 2px;
  }
  .notice {
    border-radius: 6px;
    padding: 8px 10px;
  }
  .notice.ok {
    background: var(--baton-ok-soft);
    border: 1px solid var(--baton-ok-border);
    color: var(--baton-ok);
  }
  .notice.error {
    color: var(--baton-danger);
    background: var(--baton-danger-soft);
    border: 1px solid var(--baton-danger-border);
  }
  baton-flow-editor {
    flex: 1;
  }
  /* a phone: the versions above the flow, not beside it (two columns leave the flow 90 px) */
  @media (max-width: 640px) {
    :host {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto minmax(0, 1fr);
    }
    aside {
      max-height: 30vh;
      padding: 10px 12px;
      border-right: none;
      border-bottom: 1px solid var(--baton-border);
    }
    .main {
      padding: 10px 12px 12px;
    }
    header {
      flex-wrap: wrap;
    }
  }
`;
