/**
 * The fixed timings and limits the engine is wired with (engine/baton.ts), each with why it is what it is.
 * What a deployment may change is read from the environment instead (config.ts).
 */

/** Password hashes at once (each ~50 ms of a core, 19 MiB), and sign-ins waiting for one before 503. */
export const PASSWORD_HASH_CONCURRENCY = 2;
export const PASSWORD_HASH_QUEUE = 64;

/**
 * Slow clients hold sockets: headers must arrive within 10 s and a whole request within 30 s (a flow set of
 * 2 MB from a slow link included); a webhook body within 5 s of its headers (LINE sends it at once).
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
export const WEBHOOK_BODY_DEADLINE_MS = 5_000;

/** At shutdown, how long work in hand may finish before it is abandoned and handed back (a hung LINE). */
export const SHUTDOWN_WORK_WAIT_MS = 5_000;
/** A send LINE has not answered in this long (it usually takes well under a second) gives its slot to the next customer's. */
export const OUTBOX_STALLED_MS = 2_000;
/** How often pending outbound messages (LINE down, crash before send) are retried. */
export const OUTBOX_SWEEP_MS = 5_000;
/** LINE profile lookups in flight at once (services/chat/profile-lookup.ts). */
export const PROFILES_IN_FLIGHT = 64;
/** How often due wait steps are looked for: the resolution of `wait: { seconds }`. */
export const RESUME_SCAN_MS = 1_000;
/**
 * Media fetches (services/media/media-fetcher.ts): a few at once per engine; a fetch stays with its engine up to
 * 10 minutes (a 200 MB video on a slow link); 8 attempts from 2 s apart, doubling (about 8 minutes in all,
 * well within the time LINE keeps content); due fetches looked for every second besides the kick after an event.
 */
export const MEDIA_FETCHES_IN_FLIGHT = 4;
export const MEDIA_LEASE_MS = 10 * 60_000;
export const MEDIA_MAX_ATTEMPTS = 8;
export const MEDIA_BACKOFF_MS = 2_000;
export const MEDIA_POLL_MS = 1_000;
/**
 * Webhook relay (docs/relay.md): deliveries sent at once per engine; due ones looked for every second besides
 * the kick after a webhook; targets changed on another engine are seen here within 5 seconds.
 */
export const RELAY_IN_FLIGHT = 8;
export const RELAY_POLL_MS = 1_000;
export const RELAY_TARGETS_REFRESH_MS = 5_000;
/** Channels added, changed or removed on another engine are used here within 5 seconds (at once when an unknown one is asked for). */
export const CHANNELS_REFRESH_MS = 5_000;
/**
 * Rich menus (services/rich-menus/): the active version's menus and default checked every 5 s (a publish or a
 * rollback on any engine); links a few at a time (LINE rate-limits them), 8 attempts from 1 s apart, doubling.
 */
export const RICH_MENU_SYNC_MS = 5_000;
export const RICH_MENU_LEASE_MS = 60_000;
export const RICH_MENU_LINKS_IN_FLIGHT = 2;
export const RICH_MENU_MAX_ATTEMPTS = 8;
export const RICH_MENU_BACKOFF_MS = 1_000;
export const RICH_MENU_POLL_MS = 1_000;
/** Auto-close and queue time-outs are checked every minute (their policies are in minutes). */
export const CHAT_JOBS_SCHEDULE = '* * * * *';
