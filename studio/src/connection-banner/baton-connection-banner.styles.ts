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
    background: #fffbeb;
    border-bottom: 1px solid #fcd34d;
    color: #78350f;
  }
  .banner.unreachable {
    background: #fef2f2;
    border-bottom-color: #fca5a5;
    color: #7f1d1d;
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
    background: #f59e0b;
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
