import { css } from 'lit';

export const flowEditorStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    gap: 8px;
  }
  .tabs {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    gap: 2px;
    border-bottom: 1px solid var(--baton-border);
  }
  [role='tab'] {
    flex: none;
    border: 1px solid transparent;
    border-bottom: none;
    border-radius: 6px 6px 0 0;
    background: none;
    color: var(--baton-muted);
    padding: 6px 10px;
    font-family: var(--baton-mono);
    font-size: 12.5px;
    display: inline-flex;
    align-items: center;
    gap: 5px;
    margin-bottom: -1px;
  }
  [role='tab']:hover:not(:disabled) {
    background: var(--baton-surface-alt);
    border-color: transparent;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--baton-surface);
    border-color: var(--baton-border);
    color: var(--baton-text);
    font-weight: 600;
  }
  .dirty {
    color: var(--baton-accent);
    font-weight: 700;
  }
  .count {
    font-family: var(--baton-font);
    font-size: 11px;
    font-weight: 600;
    background: var(--baton-danger-fill);
    color: var(--baton-on-fill);
    border-radius: 999px;
    padding: 0 6px;
  }
  .actions {
    flex: none;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .actions .status {
    flex: 1;
  }
  .verdict.valid {
    color: var(--baton-ok);
    font-weight: 600;
  }
  .verdict.invalid {
    color: var(--baton-danger);
    font-weight: 600;
  }
  baton-yaml-editor {
    flex: 1;
    min-height: 240px;
  }
  .live {
    color: var(--baton-muted);
    font-size: 12.5px;
  }
  .notice {
    flex: none;
    font-size: 12.5px;
    color: var(--baton-muted);
    display: flex;
    align-items: center;
    gap: 8px;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    color: var(--baton-accent);
    text-decoration: underline;
  }
  .empty {
    margin: 24px;
  }
  .problems {
    flex: none;
    max-height: 30%;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 6px;
    border: 1px solid var(--baton-danger-border);
    border-radius: var(--baton-radius);
    background: var(--baton-surface);
    padding: 6px;
  }
`;
