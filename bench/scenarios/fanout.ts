/**
 * Scenario 3: fan-out. 1,000 operator sockets are connected; the parent asks Baton for conversation
 * updates through the REST API (a transfer to the same operator: one `conversation:updated` per
 * Baseline: a bare Socket.IO server emitting the same ConversationDto to a room of as many sockets,
 * triggered the same way (one small POST per broadcast).
 */
import { performance } from 'node:perf_hooks';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { BenchChild } from '../lib/child-process.ts';
import { HttpPoster } from '../lib/http-post.ts';
import { logSqlStats, startEngine, withChildren, type ScenarioContext } from '../lib/scenario.ts';

const epochNow = () => performance.timeOrigin + performance.now();

/** Fires `count` triggers with `concurrency` in flight; resolves with deliveries per second. */
async function broadcasts(
  farm: BenchChild,
  sockets: number,
  count: number,
  concurrency: number,
  trigger: () => Promise<number>,
): Promise<number> {
  await farm.call('reset');
  const expected = farm.call<number | null>('waitFor', { event: 'conversation:updated', total: count * sockets, timeoutMs: 60_000 });
  const started = epochNow();
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < count) {
        issued++;
        const status = await trigger();
        if (status !== 200) throw new Error(`broadcast trigger answered ${status}`);
      }
    }),
  );
  const finished = await expected;
  if (finished === null) throw new Error(`not all ${count * sockets} deliveries arrived within 60 s: ${JSON.stringify(await farm.call('counts'))}`);
  return (count * sockets) / ((finished - started) / 1000);
}

export async function fanout(ctx: ScenarioContext): Promise<void> {
  const { sockets, warmup, broadcasts: count, concurrency } = ctx.sizes.fanout;
  let engineRate = 0;
  let payload: ConversationDto | null = null;
  await withChildren(async (track) => {
    const engine = track(await startEngine(ctx, { db: 'sqlite', processEvents: true, operators: sockets, customers: 1, assignees: 1 }));
    const [operator] = engine.info.operators;
    const [customer] = engine.info.customers;
    if (!operator || !customer) throw new Error('the engine set up no conversation');
    const farm = track(await BenchChild.start('socket-farm.ts'));
    await farm.call('connect', { url: engine.info.url, tokens: engine.info.operators.map((o) => o.token) });
    const http = new HttpPoster(engine.info.url);
    track({ stop: async () => http.close() });
    const auth = { authorization: `Bearer ${operator.token}` };
    payload = (await http.getJson<{ conversation: ConversationDto }>(`/api/conversations/${customer.conversationId}`, auth)).conversation;
    const body = JSON.stringify({ operatorId: operator.id });
    const trigger = () => http.post(`/api/conversations/${customer.conversationId}/transfer`, body, auth);
    await broadcasts(farm, sockets, warmup, concurrency, trigger);
    engineRate = await broadcasts(farm, sockets, count, concurrency, trigger);
    await logSqlStats(ctx, engine.child, "after the fan-out");
  });
  let bareRate = 0;
  await withChildren(async (track) => {
    const bare = track(await BenchChild.start('bare-socketio.ts', { nodeFlags: ctx.engineFlags }));
    const { url } = await bare.call<{ url: string }>('start');
    await bare.call('setPayload', { payload });
    const farm = track(await BenchChild.start('socket-farm.ts'));
    await farm.call('connect', { url, tokens: Array.from({ length: sockets }, () => 'unused') });
    const http = new HttpPoster(url);
    track({ stop: async () => http.close() });
    const trigger = () => http.post('/broadcast', '{}');
    await broadcasts(farm, sockets, warmup, concurrency, trigger);
    bareRate = await broadcasts(farm, sockets, count, concurrency, trigger);
  });
  ctx.figure({
    name: `fan-out: conversation:updated to ${sockets.toLocaleString('en-US')} sockets, deliveries/s`,
    unit: 'deliveries/s',
    value: engineRate,
    baseline: { name: 'bare Socket.IO server emitting the same payload to a room', value: bareRate },
    goal: { text: '>= 0.8x baseline', minRatio: 0.8 },
  });
}
