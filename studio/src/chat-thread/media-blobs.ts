import { authorizedFetch } from '../api/authorized-fetch.ts';

/**
 * The customers' media as object URLs. The engine serves media only with the bearer token in a header
 * (GET /api/media/:id), which an <img src> cannot send, so the studio fetches it with its token and shows a
 * blob: URL: the token never enters a URL (no history, logs or Referer to leak it from), a signed-out session
 * stops at once, and an expired token is refreshed as for any other request. Each media is fetched once per
 * page; the oldest are let go past a bound so a long shift does not keep every photo in memory.
 */
const KEPT = 200;
const urls = new Map<string, Promise<string>>();

/** An object URL of the media at `url` (absolute or a path), fetched on first use. */
export function mediaObjectUrl(url: string): Promise<string> {
  const path = new URL(url, location.origin).pathname;
  const known = urls.get(path);
  if (known) return known;
  const loading = authorizedFetch(path)
    .then((response) => response.blob())
    .then((blob) => URL.createObjectURL(blob));
  // a failure is not kept: the next render tries again
  loading.catch(() => urls.delete(path));
  urls.set(path, loading);
  if (urls.size > KEPT) forgetOldest();
  return loading;
}

function forgetOldest(): void {
  const [oldest] = urls;
  if (!oldest) return;
  urls.delete(oldest[0]);
  oldest[1].then((objectUrl) => URL.revokeObjectURL(objectUrl), () => undefined);
}
