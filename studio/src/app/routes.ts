/** Hash routes of the studio; the hash keeps routing working under any path the engine serves us from. */
export const Route = { LOGIN: 'login', INBOX: 'inbox', FLOWS: 'flows', SIMULATOR: 'simulator' } as const;
export type Route = (typeof Route)[keyof typeof Route];

const ROUTES: readonly Route[] = Object.values(Route);

export function parseRoute(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ROUTES.find((route) => route === name) ?? null;
}

export const hrefFor = (route: Route): string => `#/${route}`;

/** pages that need a signed-in operator */
export const SIGNED_IN_ROUTES: readonly Route[] = [Route.INBOX, Route.FLOWS];
