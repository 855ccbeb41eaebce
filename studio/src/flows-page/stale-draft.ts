import type { StaleDraftResponse } from '../../../engine/contracts/rest.ts';
import { ApiRequestError } from '../api/api-error.ts';

/** The body of a 409 `stale_draft` answer to a publish (someone published since the draft began), or null. */
export function staleDraftFromError(error: unknown): StaleDraftResponse | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'stale_draft') return null;
  const body = error.body;
  if (typeof body !== 'object' || body === null || !('active' in body) || !('baseVersion' in body)) return null;
  const { active, baseVersion } = body;
  if (typeof active !== 'object' || active === null || typeof baseVersion !== 'number') return null;
  const field = (name: string): unknown => Reflect.get(active, name);
  const version = field('version');
  if (typeof version !== 'number') return null;
  const text = (name: string) => String(field(name) ?? '');
  return {
    error: { code: 'stale_draft', message: error.message },
    baseVersion,
    active: { version, action: field('action') === 'activate' ? 'activate' : 'publish', actor: text('actor'), actorName: text('actorName'), at: Number(field('at') ?? 0) },
  };
}
