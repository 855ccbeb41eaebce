import { css } from 'lit';

export const operatorFormStyles = css`
  :host {
    display: block;
  }
  form {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 12px 14px;
  }
  label,
  fieldset {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 500;
    min-width: 0;
  }
  .wide {
    grid-column: 1 / -1;
  }
  fieldset {
    border: 1px solid var(--baton-border);
    border-radius: 8px;
    padding: 8px 12px 10px;
    margin: 0;
    gap: 6px;
  }
  fieldset label {
    flex-direction: row;
    align-items: flex-start;
    gap: 8px;
    font-weight: 400;
  }
  fieldset input {
    margin-top: 3px;
  }
  .hint {
    font-size: 12px;
    font-weight: 400;
    color: var(--baton-muted);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    padding-left: 24px;
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
  @media (max-width: 520px) {
    form {
      grid-template-columns: 1fr;
    }
  }
`;
