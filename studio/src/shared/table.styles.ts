import { css } from 'lit';

/** A data table in a scrolling frame (Team, Audit): header cells muted, rows ruled. */
export const tableStyles = css`
  .table-wrap {
    overflow-x: auto;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 10px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
  }
  th,
  td {
    text-align: left;
    padding: 8px 10px;
    border-bottom: 1px solid var(--baton-border);
    vertical-align: top;
  }
  th {
    font-size: 12px;
    font-weight: 600;
    color: var(--baton-muted);
    background: var(--baton-surface-alt);
    white-space: nowrap;
  }
`;
