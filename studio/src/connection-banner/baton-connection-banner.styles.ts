import { css } from 'lit';

/** a strip under the top bar, with the live indicator's dot: amber while busy, red while unreachable */
export const connectionBannerStyles = css`
  :host {
    display: block;
    flex: none;
  }
  .banner {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 4px 12px;
    padding: 8px 16px;
    background: var(--baton-warning-soft);
    border-bottom: 1px solid var(--baton-warning-border);
    color: var(--baton-warning-text);
  }
  .banner.unreachable {
    background: var(--baton-danger-soft);
    border-bottom-color: var(--baton-danger-border);
    color: var(--baton-danger-text);
  }
  .headline {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 600;
  }
  .headline::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--baton-dot-away);
  }
  .unreachable .headline::before {
    background: var(--baton-danger);
  }
  .detail {
    flex: 1;
    min-width: 12em;
    font-size: 12px;
  }
  button {
    padding: 4px 10px;
    font-size: 12px;
  }
`;
