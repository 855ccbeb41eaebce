import { css } from 'lit';

/** On top of the thread's bubble styles: the history sits inside the thread's list, in collapsed blocks. */
export const customerHistoryStyles = css`
  :host {
    display: block;
    background: none;
  }
  section {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding-bottom: 8px;
    border-bottom: 1px dashed var(--baton-border);
  }
  .load-earlier {
    align-self: center;
  }
  .block {
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 8px;
  }
  summary {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    padding: 6px 10px;
    font-size: 12px;
    color: var(--baton-muted);
    cursor: pointer;
  }
  summary .rating {
    color: inherit;
    font-weight: 600;
  }
  .block ol {
    flex: none;
    overflow: visible;
    padding: 8px 10px;
  }
`;
