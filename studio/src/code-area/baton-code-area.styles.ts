import { css } from 'lit';

/** one line of text, in the gutter and in the textarea alike */
export const LINE_HEIGHT_PX = 20;

export const codeAreaStyles = css`
  :host {
    display: flex;
    min-height: 0;
  }
  .frame {
    flex: 1;
    display: flex;
    min-height: 0;
    min-width: 0;
    border: 1px solid var(--baton-border);
    border-radius: var(--baton-radius);
    overflow: hidden;
    background: var(--baton-surface);
  }
  .frame:focus-within {
    outline: 2px solid var(--baton-accent);
    outline-offset: -1px;
  }
  .gutter {
    flex: none;
    overflow: hidden;
    background: var(--baton-surface-alt);
    border-right: 1px solid var(--baton-border);
    color: var(--baton-muted);
    font-family: var(--baton-mono);
    font-size: 12px;
    line-height: ${LINE_HEIGHT_PX}px;
    text-align: right;
    user-select: none;
  }
  .lines {
    /* room for the textarea's horizontal scrollbar, so both scroll to the same last line */
    padding: 8px 0 32px;
  }
  .lines div {
    padding: 0 8px 0 12px;
    min-width: 4ch;
  }
  .lines .current {
    color: var(--baton-text);
    font-weight: 700;
    background: var(--baton-neutral-soft);
  }
  .lines .marked {
    color: var(--baton-on-fill);
    background: var(--baton-danger-fill);
  }
  textarea {
    flex: 1;
    min-width: 0;
    border: none;
    border-radius: 0;
    resize: none;
    padding: 8px 10px;
    font-family: var(--baton-mono);
    font-size: 13px;
    line-height: ${LINE_HEIGHT_PX}px;
    white-space: pre;
    overflow: auto;
    tab-size: 2;
  }
  textarea:focus {
    outline: none;
  }
  textarea[readonly] {
    background: var(--baton-surface-alt);
  }
`;
