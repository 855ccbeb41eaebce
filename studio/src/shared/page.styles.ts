import { css } from 'lit';

/**
 * A studio page that scrolls on its own: padded, its content a centred column of sections as wide as
 * `--page-width` (set on the page's :host), with the page's headings.
 */
export const pageStyles = css`
  :host {
    display: block;
    overflow-y: auto;
    padding: 20px 16px 40px;
  }
  .page {
    max-width: var(--page-width, 1100px);
    margin: 0 auto;
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  h1 {
    margin: 0;
    font-size: 20px;
  }
  h2 {
    margin: 0;
    font-size: 16px;
  }
`;

/** The bar of filters above a page's table or charts (audit log, dashboard): labelled fields in a row. */
export const filterBarStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px 12px;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 10px;
    padding: 12px 14px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 500;
    font-size: 12.5px;
  }
`;
