import { css } from 'lit';

/** Drawn with the studio's palette variables, so the graph follows light and dark mode. */
export const flowGraphStyles = css`
  :host {
    display: block;
    min-height: 0;
    overflow: auto;
    background: var(--baton-bg);
    border: 1px solid var(--baton-border);
    border-radius: var(--baton-radius, 8px);
  }
  .notice {
    margin: 8px;
    padding: 6px 10px;
    border-radius: 6px;
    background: var(--baton-warning-soft);
    color: var(--baton-warning-text);
    border: 1px solid var(--baton-warning-border);
    font-size: 13px;
  }
  .picker {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 12px 0;
    font-size: 13px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    padding: 8px 12px 0;
    font-size: 12px;
    color: var(--baton-muted);
  }
  svg {
    display: block;
    font-family: var(--baton-font);
  }
  .edge path {
    fill: none;
    stroke: var(--baton-border-strong);
    stroke-width: 1.5;
  }
  .edge.trigger path,
  .edge.max-wait path {
    stroke-dasharray: 4 3;
  }
  .edge-label rect {
    fill: var(--baton-bg);
  }
  .edge-label text {
    fill: var(--baton-muted);
    font-size: 11px;
  }
  .arrow {
    fill: var(--baton-border-strong);
  }
  .node {
    cursor: pointer;
    outline: none;
  }
  .node rect {
    fill: var(--baton-surface);
    stroke: var(--baton-border-strong);
    stroke-width: 1.2;
  }
  .node.trigger rect,
  .node.queue rect {
    fill: var(--baton-accent-soft);
    stroke: var(--baton-accent);
  }
  .node.handoff rect {
    fill: var(--baton-warning-soft);
    stroke: var(--baton-warning-border);
  }
  .node.end rect {
    fill: var(--baton-neutral-soft);
  }
  .node.missing rect {
    fill: var(--baton-danger-soft);
    stroke: var(--baton-danger);
    stroke-dasharray: 4 3;
  }
  .node.unreachable {
    opacity: 0.45;
  }
  .node.unreachable rect {
    stroke-dasharray: 4 3;
  }
  .node:hover rect,
  .node:focus-visible rect {
    stroke: var(--baton-accent);
    stroke-width: 2.5;
  }
  .node .title {
    fill: var(--baton-text);
    font-size: 12.5px;
    font-weight: 600;
  }
  .node .type {
    fill: var(--baton-muted);
    font-weight: 400;
  }
  .node .summary {
    fill: var(--baton-muted);
    font-size: 11.5px;
  }
`;
