import { css } from 'lit';

export const appStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    /* a phone's browser bars come and go: the visible height, where the browser knows it */
    height: 100dvh;
    min-height: 0;
  }
  header {
    display: flex;
    align-items: center;
    gap: 4px 20px;
    padding: 0 16px;
    min-height: 48px;
    flex: none;
    background: var(--baton-topbar);
    color: var(--baton-topbar-text);
  }
  .brand {
    flex: none;
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
    color: var(--baton-topbar-muted);
    text-decoration: none;
    padding: 6px 10px;
    border-radius: 6px;
  }
  nav a:hover {
    background: var(--baton-topbar-hover);
    color: var(--baton-topbar-text);
  }
  nav a[aria-current='page'] {
    background: var(--baton-topbar-current);
    color: var(--baton-topbar-text);
  }
  .who {
    display: flex;
    align-items: center;
    gap: 10px;
    color: var(--baton-topbar-muted);
  }
  .who button {
    background: transparent;
    color: var(--baton-topbar-text);
    border-color: var(--baton-topbar-border);
  }
  .who button:hover:not(:disabled) {
    background: var(--baton-topbar-hover);
  }
  .who a {
    color: var(--baton-topbar-text);
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
    background: var(--baton-topbar-current);
  }
  button.menu {
    display: none;
    flex: none;
    background: transparent;
    color: var(--baton-topbar-text);
    border-color: var(--baton-topbar-border);
    padding: 5px 9px;
  }
  button.menu:hover:not(:disabled),
  button.menu[aria-expanded='true'] {
    background: var(--baton-topbar-current);
  }
  /*
   * A phone (390 px and the like): the menu button, the brand, the name and Sign out share one row; the
   * name gives way (ellipsis) so Sign out always fits. The page links fold into the menu, a wrapping
   * block under that row, so none of them sits off-screen.
   */
  @media (max-width: 640px) {
    header {
      flex-wrap: wrap;
      padding: 6px 10px;
      gap: 6px 10px;
    }
    button.menu {
      display: inline-block;
    }
    .who {
      flex: 1;
      min-width: 0;
      justify-content: flex-end;
      gap: 6px;
    }
    .who a {
      min-width: 0;
      max-width: none;
    }
    .who button {
      flex: none;
    }
    nav {
      display: none;
      order: 3;
      flex-basis: 100%;
      flex-wrap: wrap;
      overflow: visible;
      padding-bottom: 4px;
    }
    nav.open {
      display: flex;
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
