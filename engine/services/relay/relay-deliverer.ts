/**
 * Sends queued relay deliveries to their targets, on its own loop: the webhook request only queues them
 * (relay-intake.ts) and never waits for a target. Claims due deliveries under a lease (one engine sends each;
 * Postgres skips rows another engine is claiming), a few at a time, each attempt bounded by a timeout. A 2xx is
 * delivered; a 4xx other than 408 and 429 says the target refuses the event, which is final; anything else
 * (5xx, 408, 429, a timeout, no connection) is tried again after a growing wait (first wait doubled each time,
 * at most an hour, or the target's Retry-After), until the event has waited `giveUpAfterMs`.
 * The body is signed at send time with the target's current secret (a rotated secret signs the backlog too).
 */
import type { Logger } from '../../logger.ts';
import type { RelayDeliveryRow } from '../../store/repositories/relay-deliveries.repo.ts';
import type { RelayTargetRow } from '../../store/repositories/relay-targets.repo.ts';
import type { Store } from '../../store/store.ts';
import { LeasedWorkLoop } from '../leased-work-loop.ts';
import { SealedSecretUnreadable } from '../channels/sealed-at-rest.ts';
import { signRelayBody } from './relay-secret.ts';
import type { RelaySecrets } from './relay-secrets-at-rest.ts';

export interface RelayDelivererOptions {
  /** names this engine on the rows it holds */
  owner: string;
  /** deliveries sent at once by this engine */
  concurrency: number;
  /** an attempt not answered within this is abandoned and retried */
  attemptTimeoutMs: number;
  /** wait before the second attempt, doubled for each next one up to maxBackoffMs */
  backoffMs: number;
  maxBackoffMs: number;
  /** an event still undelivered this long after it arrived is given up */
  giveUpAfterMs: number;
  /** how often due deliveries are looked for when nothing kicked the loop */
  pollMs: number;
}

/** how long delivered and given-up deliveries are kept (the studio counts the given-up ones) */
const KEEP_DELIVERED_MS = 24 * 3_600_000;
const KEEP_GAVE_UP_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;

type Outcome = { ok: true } | { ok: false; error: string; final: boolean; retryAfterMs: number | null };

/** a claimed delivery with its target (undefined: deleted meanwhile) */
interface ClaimedDelivery {
  row: RelayDeliveryRow;
  target: RelayTargetRow | undefined;
}

export class RelayDeliverer {
  /** claims due deliveries under the lease and sends a few at once (leased-work-loop.ts) */
  private readonly loop: LeasedWorkLoop<ClaimedDelivery>;
  private lastPruneAt = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: RelayDelivererOptions,
    /** opens each target's stored secret (sealed with BATON_ENCRYPTION_KEY when it is set) */
    private readonly secrets: RelaySecrets,
  ) {
    this.loop = new LeasedWorkLoop<ClaimedDelivery>(
      {
        name: 'relay delivery',
        claim: (room) => this.claim(room),
        key: ({ row }) => row.id,
        run: ({ row, target }, shutdown) => this.deliver(row, target, shutdown),
        release: () => this.store.relayDeliveries.release(this.options.owner),
      },
      logger,
      options,
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Looks for due deliveries now (some were just queued, or one finished). */
  kick(): void {
    this.loop.kick();
  }

  /** Stops claiming, abandons the attempts in hand and hands their rows back to be sent at once elsewhere. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async claim(room: number): Promise<ClaimedDelivery[]> {
    await this.prune();
    // the lease outlasts an attempt: only a dead engine's deliveries are taken over
    const rows = await this.store.relayDeliveries.claimDue(this.options.owner, this.now(), this.options.attemptTimeoutMs * 4, room);
    const targets = new Map<string, RelayTargetRow | undefined>();
    for (const id of new Set(rows.map((r) => r.target_id))) targets.set(id, await this.store.relayTargets.findById(id));
    return rows.map((row) => ({ row, target: targets.get(row.target_id) }));
  }

  private async deliver(row: RelayDeliveryRow, target: RelayTargetRow | undefined, shutdown: AbortSignal): Promise<void> {
    const { owner } = this.options;
    // deleted meanwhile: its deliveries went with it
    if (!target) return;
    const outcome = await this.send(row, target, shutdown);
    if (shutdown.aborted) return;
    const at = this.now();
    if (outcome.ok) {
      await this.store.relayDeliveries.markDelivered(row.id, owner, at);
      await this.store.relayTargets.markSuccess(target.id, at);
      return;
    }
    await this.store.relayTargets.markFailure(target.id, at, outcome.error);
    const log = { targetId: target.id, target: target.name, deliveryId: row.id, eventType: row.event_type, attempt: row.attempts, error: outcome.error };
    if (outcome.final || at - Number(row.created_at) >= this.options.giveUpAfterMs) {
      await this.store.relayDeliveries.markGaveUp(row.id, owner, outcome.error, at);
      this.logger.warn(log, outcome.final ? 'relay target refused the event: given up' : 'relay delivery failed for too long: given up');
      return;
    }
    const backoff = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** Math.max(0, row.attempts - 1));
    const waitMs = outcome.retryAfterMs === null ? backoff : Math.min(this.options.maxBackoffMs, Math.max(backoff, outcome.retryAfterMs));
    await this.store.relayDeliveries.markRetry(row.id, owner, outcome.error, at + waitMs);
    this.logger.info({ ...log, waitMs }, 'relay delivery failed, retrying');
  }

  /** One attempt: POST the body signed with the target's secret; the URL and the secret are never logged. */
  private async send(row: RelayDeliveryRow, target: RelayTargetRow, shutdown: AbortSignal): Promise<Outcome> {
    const { attemptTimeoutMs } = this.options;
    let secret: string;
    try {
      secret = this.secrets.open(target.id, target.secret);
    } catch (error) {
      // never sent unsigned: the deliveries wait (retried) for the key, or for a rotated secret
      if (error instanceof SealedSecretUnreadable) return { ok: false, error: `not sent: the target's signing secret is ${error.message} (rotate its secret, or start Baton with that key)`, final: false, retryAfterMs: null };
      throw error;
    }
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Baton-Relay',
          'x-line-signature': signRelayBody(row.body, secret),
          'x-baton-relay-attempt': String(row.attempts),
        },
        body: row.body,
        redirect: 'manual',
        signal: AbortSignal.any([shutdown, AbortSignal.timeout(attemptTimeoutMs)]),
      });
      // the answer's body is not needed: let its bytes go
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      const error = `HTTP ${response.status}`;
      const refused = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      return { ok: false, error, final: refused, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const text = name === 'TimeoutError' ? `timed out after ${attemptTimeoutMs} ms` : describeFetchError(error);
      return { ok: false, error: text, final: false, retryAfterMs: null };
    }
  }

  private async prune(): Promise<void> {
    const at = this.now();
    if (at - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = at;
    await this.store.relayDeliveries.prune(at - KEEP_DELIVERED_MS, at - KEEP_GAVE_UP_MS);
  }
}

/** Retry-After in seconds (HTTP dates are rare from webhooks and ignored) */
function retryAfterMs(value: string | null): number | null {
  if (value === null || !/^\d{1,6}$/.test(value.trim())) return null;
  return Number(value.trim()) * 1000;
}

/** fetch's "fetch failed" names its cause (ECONNREFUSED, a TLS problem); never the URL */
function describeFetchError(error: unknown): string {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error ? (Reflect.get(cause, 'code') as unknown) : undefined;
  if (typeof code === 'string') return `could not connect (${code})`;
  return error instanceof Error ? error.message.slice(0, 200) : 'could not connect';
}
