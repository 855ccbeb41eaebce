import { css } from 'lit';

export const chartStyles = css`
  :host {
    display: block;
  }
  figure {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 10px;
    padding: 12px 14px;
  }
  figcaption {
    font-weight: 600;
  }
  /* chart.js sizes the canvas to this box (responsive, no fixed aspect ratio) */
  .canvas-box {
    position: relative;
    height: 240px;
  }
  summary {
    cursor: pointer;
    color: var(--baton-accent);
    font-size: 13px;
  }
  details[open] summary {
    margin-bottom: 8px;
  }
  td,
  tbody th {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  tbody th {
    font-weight: 500;
    color: var(--baton-text);
    background: none;
    font-size: 13px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
