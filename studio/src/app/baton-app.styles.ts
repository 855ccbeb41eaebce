import { css } from 'lit';

export const appStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    min-height: 0;
  }
  header {
    display: flex;
    align-items: center;
    gap: 4px 20px;
    padding: 0 16px;
    min-height: 48px;
    flex: none;
    background: #111827;
    color: #f9fafb;
  }
  .brand {
    font-weight: 700;
    font-size: 16px;
    letter-spacing: 0.02em;
  }
  .brand span {
    color: var(--baton-line-green);
  }
  nav {
    display: flex;
    gap: 4px;
    flex: 1;
    min-width: 0;
    overflow-x: auto;
  }
  nav a {
    color: #d1d5db;
    text-decoration: none;
    padding: 6px 10px;
    border-radius: 6px;
  }
  nav a:hover {
    background: #1f2937;
    color: #fff;
  }
  nav a[aria-current='page'] {
    background: #374151;
    color: #fff;
  }
  .who {
    display: flex;
    align-items: center;
    gap: 10px;
    color: #d1d5db;
  }
  .who button {
    background: transparent;
    color: #f9fafb;
    border-color: #4b5563;
  }
  .who button:hover:not(:disabled) {
    background: #1f2937;
  }
  .who a {
    color: #f9fafb;
    text-decoration: none;
    padding: 6px 8px;
    border-radius: 6px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    max-width: 260px;
  }
  .who a:hover,
  .who a[aria-current='page'] {
    background: #374151;
  }
  /* a phone: the links get a row of their own under the name and Sign out */
  @media (max-width: 640px) {
    header {
      flex-wrap: wrap;
      padding: 6px 10px;
      gap: 4px 10px;
    }
    .who {
      margin-left: auto;
      gap: 6px;
    }
    .who a {
      max-width: 170px;
    }
    nav {
      order: 3;
      flex-basis: 100%;
    }
  }
  main {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  main > * {
    flex: 1;
    min-height: 0;
  }
  .notice {
    margin: 48px auto;
    max-width: 480px;
    text-align: center;
  }
`;
