import { css } from 'lit';

export const relayStyles = css`
  form,
  .target {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: end;
    padding: 12px;
    border: 1px solid var(--baton-border);
    border-radius: 8px;
    background: var(--baton-surface);
  }
  form.edit {
    flex-basis: 100%;
  }
  .edit-actions {
    display: flex;
    gap: 8px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 13px;
  }
  .url-field {
    flex: 1;
    min-width: 240px;
  }
  .targets {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .target {
    flex-direction: column;
    align-items: stretch;
  }
  .head {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    flex-wrap: wrap;
  }
  .url {
    font-family: var(--baton-mono);
    font-size: 13px;
    overflow-wrap: anywhere;
  }
  .status {
    font-size: 13px;
  }
  .failing {
    color: var(--baton-danger);
  }
  .error {
    color: var(--baton-danger);
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
`;
