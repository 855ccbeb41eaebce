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
    min-width: 0;
  }
  /* the draft on the left, the simulator running it on the right */
  .workspace {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr);
    gap: 12px;
  }
  .workspace baton-flow-editor {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .simulator {
    display: flex;
    flex-direction: column;
    min-height: 0;
    overflow-y: auto;
    padding-left: 12px;
    border-left: 1px solid var(--baton-border);
  }
  .simulator h3 {
    margin: 0 0 6px;
    font-size: 14px;
  }
  baton-flow-simulator {
    flex: 1;
  }
  .comparison {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
  }
  .comparison-head {
    display: flex;
    align-items: center;
    gap: 12px;
    margin-bottom: 8px;
  }
  .comparison-head h2 {
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
    .workspace {
      grid-template-columns: minmax(0, 1fr);
    }
    .simulator {
      padding-left: 0;
      border-left: none;
    }
  }
  @media (max-width: 1100px) and (min-width: 641px) {
    .workspace {
      grid-template-columns: minmax(0, 1fr);
      grid-auto-rows: minmax(360px, auto);
      overflow-y: auto;
    }
    .simulator {
      padding-left: 0;
      border-left: none;
    }
  }
`;
