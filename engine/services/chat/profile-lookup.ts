/**
 * LINE profiles for the event handler, without holding an event loop for LINE's timeout.
 *
 * The handler asks before its transaction (ask()), and the events that wait for a profile wait at most
 * `waitMs` for LINE, committed after the other events of their batch (event-handler.ts). A profile
 * that arrives later is written to the customer when it comes (operators see the name appear), or,
 * if the customer's first event has not committed yet, kept for their next event. While LINE is slow
 * (a lookup took longer than `waitMs`), nobody waits at all until a lookup is quick again: a slow
 * LINE costs one wait, not one per batch. Lookups in flight are capped; past the cap none is started
 * and the name comes with a later event.
 *
 * What the customer sees when LINE is slow: texts that use {{ customer.name }} are rendered without it
 * (the shipped welcome then reads "Welcome! I'm the Baton bot." instead of "Welcome, Nok! ..."); the
 * messages after it have the name.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../logger.ts';
import { channelUserKey, type ChannelUser, type CustomerProfile } from '../../store/repositories/customers.repo.ts';
import type { LineClients } from '../channels/line-clients.ts';
import type { Store } from '../../store/store.ts';
import type { RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { chatProfile } from './chat-profile.ts';
import { conversationView } from './conversation-view.ts';

export interface ProfileLookupOptions {
  /** longest an event waits for LINE's answer */
  waitMs: number;
  /** lookups in flight at once */
  maxInFlight: number;
}

/** How soon a late profile whose customer was not stored yet is tried again (their event commits meanwhile). */
const LATE_RETRY_MS = 1_000;
/** Late profiles kept for a next event; beyond this the oldest are forgotten (they are fetched again). */
const MAX_KEPT = 1_000;

interface Lookup {
  done: boolean;
  /** null: LINE has no profile for the user, or the lookup failed */
  profile: CustomerProfile | null;
  /** a caller moved on without the answer: write it when it comes */
  late: boolean;
  finished: Promise<void>;
}

/** What ask() knows at once, and what it is still asking LINE for. */
export interface AskedProfiles {
  now: Map<string, CustomerProfile | null>;
  /** users (channelUserKey) whose lookup is under way, answered by `later` */
  pending: Set<string>;
  later: Promise<Map<string, CustomerProfile | null>> | null;
}

export class ProfileLookup {
  private readonly inFlight = new Map<string, Lookup>();
  private readonly kept = new Map<string, CustomerProfile>();
  private slow = false;
  private stopped = false;

  constructor(
    private readonly line: LineClients,
    private readonly store: Store,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: ProfileLookupOptions,
  ) {}

  /**
   * Starts the lookups the users need. `now`: the profiles known at once (kept from a late answer), by
   * channelUserKey. When lookups are under way and LINE is not slow, `pending` names those users and `later`
   * gives what LINE answered for them within the wait (null: none to be had); users missing from both get
   * theirs later (written to the customer when it comes).
   */
  ask(users: readonly ChannelUser[]): AskedProfiles {
    const now = new Map<string, CustomerProfile | null>();
    const open = new Map<string, Lookup>();
    const byKey = new Map(users.map((user) => [channelUserKey(user.channelId, user.lineUserId), user]));
    for (const [key, user] of byKey) {
      const kept = this.kept.get(key);
      if (kept) {
        this.kept.delete(key);
        now.set(key, kept);
        continue;
      }
      const lookup = this.start(key, user);
      if (lookup?.done) now.set(key, lookup.profile);
      else if (lookup) open.set(key, lookup);
    }
    const gaveUp = (key: string, lookup: Lookup) => {
      if (lookup.late) return;
      lookup.late = true;
      const user = byKey.get(key) as ChannelUser;
      void lookup.finished.then(() => this.fillIn(user, lookup.profile, true));
    };
    if (open.size === 0 || this.slow) {
      for (const [key, lookup] of open) gaveUp(key, lookup);
      return { now, pending: new Set(), later: null };
    }
    const later = settlesWithin(Promise.all([...open.values()].map((l) => l.finished)), this.options.waitMs).then((waited) => {
      if (!waited) this.slow = true;
      const answered = new Map<string, CustomerProfile | null>();
      for (const [key, lookup] of open) {
        if (lookup.done) answered.set(key, lookup.profile);
        else gaveUp(key, lookup);
      }
      return answered;
    });
    return { now, pending: new Set(open.keys()), later };
  }

  /** Late answers are no longer written (the store is about to close). */
  stop(): void {
    this.stopped = true;
  }

  private start(key: string, user: ChannelUser): Lookup | null {
    const known = this.inFlight.get(key);
    if (known) return known;
    if (this.inFlight.size >= this.options.maxInFlight) return null;
    const startedAt = performance.now();
    const lookup: Lookup = { done: false, profile: null, late: false, finished: Promise.resolve() };
    // a group's or room's row is named by the group (chat-profile.ts)
    lookup.finished = this.line.of(user.channelId).then((line) => chatProfile(line, user.lineUserId)).then(
      (profile) => {
        lookup.profile = profile;
      },
      (error: unknown) => {
        // a missing profile never stops a conversation; the name is filled in on a later event
        this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'profile fetch failed');
      },
    ).finally(() => {
      lookup.done = true;
      // a quick answer means LINE is fine again: wait for the next ones
      this.slow = performance.now() - startedAt > this.options.waitMs;
      this.inFlight.delete(key);
    });
    this.inFlight.set(key, lookup);
    return lookup;
  }

  /** Writes a profile that came after its event moved on, and tells operators of the name. */
  private async fillIn(user: ChannelUser, profile: CustomerProfile | null, retry: boolean): Promise<void> {
    if (!profile || this.stopped) return;
    const key = channelUserKey(user.channelId, user.lineUserId);
    try {
      const customer = await this.store.customers.findByChannelUser(user.channelId, user.lineUserId);
      if (!customer) {
        this.keep(key, profile);
        if (retry) setTimeout(() => void this.fillIn(user, profile, false), LATE_RETRY_MS).unref();
        return;
      }
      this.kept.delete(key);
      if (customer.display_name === profile.displayName && customer.picture_url === profile.pictureUrl) return;
      await this.store.customers.updateProfile(customer.id, profile, this.now());
      const open = await this.store.conversations.findOpenByCustomer(customer.id);
      if (open) this.publisher.conversationUpdated(await conversationView(this.store, open.id));
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'late profile not stored');
    }
  }

  private keep(key: string, profile: CustomerProfile): void {
    this.kept.delete(key);
    this.kept.set(key, profile);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= MAX_KEPT) break;
      this.kept.delete(oldest);
    }
  }
}

/** true when `work` settled within ms, false when the time ran out first (it keeps running). */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
