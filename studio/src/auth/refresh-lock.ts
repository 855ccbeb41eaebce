/**
 * Runs `fn` holding the studio's refresh lock, shared by every tab of this origin (Web Locks API), so two
 * tabs never spend the same refresh token: the second waits, then sends the cookie the first received.
 * Web Locks exist only in secure contexts (https, localhost); on a plain-http address the calls of one
 * tab are still serialised by the session, and the engine accepts the token just replaced once.
 */
export async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks: LockManager | undefined = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return fn();
  return locks.request('baton-refresh', fn);
}
