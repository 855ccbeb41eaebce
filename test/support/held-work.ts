/**
 * Puts an engine in the state a crash or a shutdown should find it in: holding work while LINE hangs.
 * For the restart, takeover and shutdown tests, and the recovery bench.
 */
import type { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import type { Store } from '../../engine/store/store.ts';
import { waitFor } from './wait-for.ts';

/** LINE user ids `U` + 32 hex digits, counting from `base` */
export const userIds = (base: number, count: number): string[] => Array.from({ length: count }, (_, i) => `U${(base + i).toString(16).padStart(32, '0')}`);

/** An engine as the tests see it: its store name and how to send it a webhook. */
export interface WebhookTarget {
  instanceId: string;
  postWebhook(body: string): Promise<Response>;
}

export interface HeldCustomers {
  /** their answer is being replied when LINE stops answering */
  replied: string;
  /** their answer is being pushed (the message came in too long ago for its reply token) when LINE stops answering */
  pushed: string;
  /** they add the account; each event is in hand while LINE does not answer the profile lookup */
  welcomed: string[];
  hangMs: number;
}

export interface HeldWork {
  /** webhook events sent: each must end done, once */
  events: number;
  /** the delivery status of the answer that was being replied */
  replyStatus(): Promise<string | null>;
}

/** Sends the customers' events to `engine` and resolves once it holds all of their work, LINE hanging. */
export async function heldWork(engine: WebhookTarget, store: Store, fake: FakeLinePlatform, customers: HeldCustomers): Promise<HeldWork> {
  const hang = { status: 200, delayMs: customers.hangMs };
  // LINE hangs as a whole: the quota an engine asks for to learn that LINE is back hangs too (were it
  // answered, a push left hanging would be abandoned and sent again with its key at once)
  fake.failNext('/v2/bot/message/quota', { ...hang, times: 1_000 });
  const post = async (body: string) => {
    const response = await engine.postWebhook(body);
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  };
  /** sends the customer's message and waits until the engine holds the answer, its request waiting at LINE */
  const answerHeld = async (user: string, path: string, body: string, what: string) => {
    // requests an earlier test left hanging there may still count
    const waitingBefore = fake.inFlight(path);
    fake.failNext(path, hang);
    await post(body);
    await waitFor(
      async () => {
        const customer = await store.customers.findByLineUserId(user);
        const rows = customer ? await store.messages.listByCustomer(customer.id) : [];
        return fake.inFlight(path) > waitingBefore && rows.some((m) => m.direction === 'out' && m.send_locked_by === engine.instanceId);
      },
      what,
      15_000,
    );
  };

  await answerHeld(customers.replied, '/v2/bot/message/reply', fake.webhookBody([fake.textEvent(customers.replied, 'hello')]), 'the answer being replied');
  // LINE sent this a minute ago (a backlog): its reply token is too old, so the answer is pushed
  const old = fake.textEvent(customers.pushed, 'hello', { timestamp: Date.now() - 70_000 });
  await answerHeld(customers.pushed, '/v2/bot/message/push', fake.webhookBody([old]), 'the answer being pushed');

  for (const user of customers.welcomed) fake.failNext(`/v2/bot/profile/${user}`, hang);
  await post(fake.webhookBody(customers.welcomed.map((user) => fake.followEvent(user))));
  await waitFor(
    async () =>
      customers.welcomed.every((user) => fake.inFlight(`/v2/bot/profile/${user}`) === 1) &&
      (await store.webhookEvents.countHeldBy(engine.instanceId)) === customers.welcomed.length,
    'the follow events in hand, their profile lookups waiting at LINE',
    15_000,
  );

  return {
    events: 2 + customers.welcomed.length,
    async replyStatus() {
      const customer = await store.customers.findByLineUserId(customers.replied);
      const rows = customer ? await store.messages.listByCustomer(customer.id) : [];
      return rows.find((m) => m.direction === 'out')?.delivery_status ?? null;
    },
  };
}

/** How often LINE accepted each reply token and each push retry key: more than once would be a duplicate. */
export function lineDeliveries(fake: FakeLinePlatform): { repliesPerToken: [string, number][]; acceptedPerKey: [string, number][] } {
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const replies = new Map<string, number>();
  const pushes = new Map<string, number>();
  for (const call of fake.calls) {
    if (call.status !== 200) continue;
    if (call.path === '/v2/bot/message/reply') count(replies, (call.body as { replyToken?: string } | null)?.replyToken ?? '');
    if (call.path === '/v2/bot/message/push') count(pushes, call.headers['x-line-retry-key'] ?? '');
  }
  return { repliesPerToken: [...replies], acceptedPerKey: [...pushes] };
}
