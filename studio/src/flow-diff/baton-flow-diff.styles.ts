import { css } from 'lit';

export const flowDiffStyles = css`
  :host {
    display: block;
    font-family: var(--baton-font);
    color: var(--baton-text);
  }
  .summary {
    margin: 0 0 8px;
    font-size: 13px;
    color: var(--baton-muted);
  }
  .file {
    border: 1px solid var(--baton-border);
    border-radius: 6px;
    margin-bottom: 10px;
    overflow: hidden;
  }
  h4 {
    margin: 0;
    padding: 6px 10px;
    font-size: 12.5px;
    display: flex;
    gap: 8px;
    align-items: center;
    background: var(--baton-surface-alt);
    border-bottom: 1px solid var(--baton-border);
  }
  .name {
    flex: 1;
    font-family: var(--baton-mono);
  }
  .badge {
    font-weight: normal;
    font-size: 11px;
    padding: 1px 6px;
    border-radius: 8px;
    background: var(--baton-neutral-soft);
    color: var(--baton-muted);
  }
  .plus {
    color: var(--baton-ok);
  }
  .minus {
    color: var(--baton-danger);
  }
  .code {
    margin: 0;
    padding: 6px 0;
    font-family: var(--baton-mono);
    font-size: 12px;
    line-height: 1.45;
    overflow-x: auto;
  }
  .code span {
    display: block;
    padding: 0 10px;
    white-space: pre;
  }
  .hunk {
    color: var(--baton-muted);
    background: var(--baton-neutral-soft);
  }
  .add {
    background: var(--baton-ok-soft);
  }
  .del {
    background: var(--baton-danger-soft);
  }
`;
