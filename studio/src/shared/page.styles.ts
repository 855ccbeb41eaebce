import { css } from 'lit';

/** A studio page that scrolls on its own: padded, its content a centred column of sections. */
export const pageStyles = css`
  :host {
    display: block;
    overflow-y: auto;
    padding: 20px 16px 40px;
  }
  .page {
    max-width: 1100px;
    margin: 0 auto;
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
`;
