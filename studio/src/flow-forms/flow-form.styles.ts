import { css } from 'lit';

/** The YAML forms: compact tables and rows of small inputs, in the palette's variables. */
export const flowFormStyles = css`
  :host {
    display: block;
    font-size: 13.5px;
  }
  section {
    margin-bottom: 18px;
  }
  h3 {
    font-size: 14px;
    margin: 0 0 8px;
  }
  p.hint {
    color: var(--baton-muted);
    margin: 0 0 8px;
    font-size: 12.5px;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 5px 6px;
    border-bottom: 1px solid var(--baton-border);
  }
  th {
    color: var(--baton-muted);
    font-weight: 600;
    font-size: 12px;
  }
  input.time {
    width: 5.2em;
    font-family: var(--baton-mono);
  }
  input.date {
    width: 8.5em;
    font-family: var(--baton-mono);
  }
  input.lang {
    width: 5em;
  }
  textarea {
    width: 100%;
    min-height: 3.2em;
    resize: vertical;
  }
  .shifts,
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
  }
  .shift {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  .closed {
    color: var(--baton-muted);
    font-style: italic;
  }
  button.small {
    padding: 3px 8px;
    font-size: 12px;
  }
  .error {
    position: sticky;
    top: 0;
    z-index: 1;
    margin-bottom: 10px;
    padding: 6px 10px;
    border-radius: 6px;
    background: var(--baton-danger-soft);
    color: var(--baton-danger-text);
    border: 1px solid var(--baton-danger-border);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 2px 4px 2px 10px;
    border-radius: 999px;
    background: var(--baton-tag-soft);
    color: var(--baton-tag-text);
  }
  .chip button {
    border: none;
    background: none;
    padding: 0 6px;
    color: inherit;
  }
  label.field {
    display: block;
    margin-bottom: 10px;
  }
  label.field > span {
    display: block;
    font-weight: 600;
    margin-bottom: 4px;
  }
`;
