/**
 * Scenario 3: fan-out. 1,000 operator sockets are connected; the parent asks Baton for conversation
 * updates through the REST API (a transfer back to the queue: one `conversation:updated` per request, to
 * every operator, since every operator sees the queue) with a few requests in flight, and the socket farm
 * counts deliveries.
 * Baseline: a bare Socket.IO server emitting the same ConversationDto to a room of as many sockets,
 * triggered the same way (one small POST per broadcast). Both are up side by side and take turns,
 * a few rounds each, so that a slow moment of the machine weighs on both rather than on one.
 */
import { performance } from 'node:perf_hooks';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { BenchChild } from '../lib/child-process.ts';
import { HttpPoster } from '../lib/http-post.ts';
import { logSqlStats, startEngine, withChildren, type ScenarioContext } from '../lib/scenario.ts';

const epochNow = () => performance.timeOrigin + performance.now();

/** One server under test: its process, its socket farm and how to make it broadcast once. */
interface Side {
  server: BenchChild;
  farm: BenchChild;
  trigger: () => Promise<number>;
}

interface Run {
  deliveries: number;
  seconds: number;
  /** the server process's CPU time (user + system) over the run */
  cpuMicros: number;
}

/** Fires `count` triggers with `concurrency` in flight; resolves with the deliveries, the seconds they took and the server's CPU. */
async function broadcasts(side: Side, sockets: number, count: number, concurrency: number): Promise<Run> {
  const { server, farm, trigger } = side;
  await farm.call('reset');
  const cpuBefore = await server.call<number>('cpuMicros');
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
  const cpuMicros = (await server.call<number>('cpuMicros')) - cpuBefore;
  return { deliveries: count * sockets, seconds: (finished - started) / 1000, cpuMicros };
}

const ROUNDS = 3;

export async function fanout(ctx: ScenarioContext): Promise<void> {
  const { sockets, warmup, broadcasts: count, concurrency } = ctx.sizes.fanout;
  await withChildren(async (track) => {
    const engine = track(await startEngine(ctx, { db: 'sqlite', processEvents: true, operators: sockets, customers: 1, assignees: 1 }));
    const [operator] = engine.info.operators;
    const [customer] = engine.info.customers;
    if (!operator || !customer) throw new Error('the engine set up no conversation');
    const engineFarm = track(await BenchChild.start('socket-farm.ts'));
    await engineFarm.call('connect', { url: engine.info.url, tokens: engine.info.operators.map((o) => o.token) });
    const engineHttp = new HttpPoster(engine.info.url);
    track({ stop: async () => engineHttp.close() });
    const auth = { authorization: `Bearer ${operator.token}` };
    const payload = (await engineHttp.getJson<{ conversation: ConversationDto }>(`/api/conversations/${customer.conversationId}`, auth)).conversation;
    // back to the queue: what every operator hears (once taken, a conversation's changes reach only those working it)
    const transfer = JSON.stringify({});
    const baton: Side = { server: engine.child, farm: engineFarm, trigger: () => engineHttp.post(`/api/conversations/${customer.conversationId}/transfer`, transfer, auth) };

    const bare = track(await BenchChild.start('bare-socketio.ts', { nodeFlags: ctx.engineFlags }));
    const { url } = await bare.call<{ url: string }>('start');
    await bare.call('setPayload', { payload });
    const bareFarm = track(await BenchChild.start('socket-farm.ts'));
    await bareFarm.call('connect', { url, tokens: Array.from({ length: sockets }, () => 'unused') });
    const bareHttp = new HttpPoster(url);
    track({ stop: async () => bareHttp.close() });
    const baseline: Side = { server: bare, farm: bareFarm, trigger: () => bareHttp.post('/broadcast', '{}') };

    for (const side of [baton, baseline]) await broadcasts(side, sockets, warmup, concurrency);
    const total = new Map<Side, Run>([
      [baton, { deliveries: 0, seconds: 0, cpuMicros: 0 }],
      [baseline, { deliveries: 0, seconds: 0, cpuMicros: 0 }],
    ]);
    const perRound = Math.max(1, Math.round(count / ROUNDS));
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? [baton, baseline] : [baseline, baton]) {
        const run = await broadcasts(side, sockets, perRound, concurrency);
        const into = total.get(side) as Run;
        into.deliveries += run.deliveries;
        into.seconds += run.seconds;
        into.cpuMicros += run.cpuMicros;
      }
    }
    await logSqlStats(ctx, engine.child, 'after the fan-out');
    const sum = (side: Side) => total.get(side) as Run;
    const rate = (side: Side) => sum(side).deliveries / sum(side).seconds;
    const cpuPerDelivery = (side: Side) => sum(side).cpuMicros / sum(side).deliveries;
    ctx.figure({
      name: `fan-out: conversation:updated to ${sockets.toLocaleString('en-US')} sockets, deliveries/s`,
      unit: 'deliveries/s',
      value: rate(baton),
      baseline: { name: 'bare Socket.IO server emitting the same payload to a room', value: rate(baseline) },
      goal: { text: '>= 0.8x baseline', minRatio: 0.8 },
    });
    ctx.figure({
      name: 'fan-out: server CPU per delivery',
      unit: 'µs',
      value: cpuPerDelivery(baton),
      baseline: { name: 'bare Socket.IO server', value: cpuPerDelivery(baseline) },
      note: "the server process's CPU time over the timed rounds divided by the deliveries: Baton's includes the transfer request behind each broadcast; other load on the machine moves it less than deliveries/s",
    });
  });
}
