/**
 * Scenario 11: the bot path. Customers chat with the default flows (flows/): a new customer's first
 * event is a follow (welcomed by name, which costs Baton a profile lookup), then texts ("hello" gets
 * the greeting, anything else the default reply) and now and then a rich-menu postback that nothing
 * answers. Every event arrives alone in a signed body with a fresh webhookEventId and reply token;
 * the reply is timed at a fake LINE in this process (bench/lib/reply-sink.ts), on the same clock as
 * the post. Baton runs with event processing on, on SQLite, so every event and message is stored.
 *
 * Three loads, each on a fresh engine whose first half of the customers have already written
 * (returning customers: known, with a name) and whose second half are new:
 *  - closed loop: N connections, each posting its next event once the previous one was acknowledged
 *    and, if a reply is due, answered: messages answered per second. The servers are up side by side
 *    and take turns (a few rounds each), so a slow moment of the machine weighs on all of them;
 *  - open loop at fixed rates (as LINE sends, whether or not the server keeps up), one server after
 *    the other, each with the machine to itself.
 * Baseline: the SDK's echo bot (bench/processes/echo-bot.ts) under the same load, against the same
 * fake LINE; then the same echo bot storing every event and message in SQLite, as a developer would
 * add it: how much of the distance to the echo bot is storing at all, and how much is Baton's own.
 */
import { performance } from 'node:perf_hooks';
import { BenchChild } from '../lib/child-process.ts';
import { atRate, HttpPoster } from '../lib/http-post.ts';
import { followEvent, LineBodies, postbackEvent, textEvent, TYPICAL_TEXTS } from '../lib/line-bodies.ts';
import { ReplySink } from '../lib/reply-sink.ts';
import { logSqlStats, startEngine, withChildren, type ScenarioContext } from '../lib/scenario.ts';
import { sleep, summarize, type LatencySummary } from '../lib/stats.ts';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** what the customers write after their follow, in turn; the postback is a rich menu page switch nothing answers */
const SCRIPT: ({ text: string } | { postback: string })[] = [
  { text: 'hello' },
  ...TYPICAL_TEXTS.map((text) => ({ text })),
  { postback: 'richmenu=page-2' },
  ...TYPICAL_TEXTS.slice(0, 3).map((text) => ({ text })),
];

/** One customer's conversation: their n-th event is the follow (n = 0), then the script over and over. */
class Customer {
  sent = 0;
  readonly userId = `U${randomBytes(16).toString('hex')}`;

  /** the next event, and whether a reply is due for it */
  next(): { event: Record<string, unknown>; replyDue: boolean } {
    const n = this.sent++;
    if (n === 0) return { event: followEvent(this.userId), replyDue: true };
    const line = SCRIPT[(n - 1) % SCRIPT.length] ?? { text: 'hi' };
    if ('postback' in line) return { event: postbackEvent(this.userId, line.postback), replyDue: false };
    return { event: textEvent(this.userId, line.text), replyDue: true };
  }
}

interface Server {
  url: string;
  child: BenchChild;
}

interface LoadResult {
  /** events posted, and those of them answered (or acknowledged, where no reply is due) within the wait */
  sent: number;
  done: number;
  replies: number;
  /** done / seconds from the first post to the last answer */
  perSecond: number;
  ack: LatencySummary;
  reply: LatencySummary;
  /** the same, of the events posted after the load's first STEADY_AFTER_MS (its start, and the new customers' follows) */
  steady: { ack: LatencySummary; reply: LatencySummary };
  failedAcks: number;
  lastError: string | null;
  cpuPerMessage: number;
  peakRss: number;
  /** a closed loop's rounds after its first (which holds the new customers' follows and the first seconds of full load) */
  pastFirstRound: Throughput | null;
}

/** what the posts alone tell of a load; the server's CPU and memory, and the poster's errors, are added by measure() */
type PostsSummary = Omit<LoadResult, 'cpuPerMessage' | 'peakRss' | 'failedAcks' | 'lastError' | 'pastFirstRound'>;

interface Throughput {
  perSecond: number;
  cpuPerMessage: number;
}

/** Posts one customer's next event; resolves when it is acknowledged and, if due, answered (or the deadline passed). */
async function post(sink: ReplySink, http: HttpPoster, bodies: LineBodies, customer: Customer, deadline: Promise<void>, drainS: number) {
  const { event, replyDue } = customer.next();
  const token = event.replyToken as string;
  const replied = replyDue ? sink.expect(token) : null;
  const { body, signature } = bodies.events([event]);
  const at = performance.now();
  const status = await http.post('/webhooks/line', body, { 'x-line-signature': signature }, drainS * 1000);
  const ack = status === 200 ? performance.now() - at : Number.POSITIVE_INFINITY;
  const replyAt = replied ? await Promise.race([replied, deadline.then(() => null)]) : null;
  return { ack, reply: replyAt === null ? null : replyAt - at, done: status === 200 && (!replyDue || replyAt !== null), at, end: performance.now() };
}

type Posted = Awaited<ReturnType<typeof post>>;

/**
 * At a fixed rate every server's tail comes mostly from the load's first second or two: its connections
 * opening, and (the customers taken in turn) the new half's follows all in a row, which cost Baton a
 * profile lookup and a new customer each. The p99 of what was posted after it is given beside the whole
 * run's, which stays the figure the goals are read on.
 */
const STEADY_AFTER_MS = 2_000;

/** Ack and reply latencies of the posts; an ack that never came counts as the wait. */
function latencies(posted: Posted[], drainS: number): { ack: LatencySummary; reply: LatencySummary } {
  return {
    ack: summarize(posted.map((p) => (Number.isFinite(p.ack) ? p.ack : drainS * 1000))),
    reply: summarize(posted.flatMap((p) => (p.reply === null ? [] : [p.reply]))),
  };
}

function summarise(posted: Posted[], started: number, drainS: number): PostsSummary {
  const done = posted.filter((p) => p.done);
  const lastEnd = Math.max(started, ...done.map((p) => p.end));
  return {
    sent: posted.length,
    done: done.length,
    replies: posted.filter((p) => p.reply !== null).length,
    perSecond: done.length / ((lastEnd - started) / 1000),
    ...latencies(posted, drainS),
    steady: latencies(posted.filter((p) => p.at - started >= STEADY_AFTER_MS), drainS),
  };
}

/** A deadline every wait for a reply gives up at: `drainS` after `ended` resolves. */
function deadlineAfter(ended: Promise<unknown>, drainS: number): Promise<void> {
  return ended.then(() => sleep(drainS * 1000));
}

async function measure(server: Server, run: () => Promise<PostsSummary>, http: HttpPoster): Promise<LoadResult> {
  await server.child.call('peakRss');
  const cpuBefore = await server.child.call<number>('cpuMicros');
  const errorsBefore = http.errors;
  const result = await run();
  const cpu = (await server.child.call<number>('cpuMicros')) - cpuBefore;
  return {
    ...result,
    failedAcks: http.errors - errorsBefore,
    lastError: http.lastError,
    cpuPerMessage: cpu / Math.max(1, result.done),
    peakRss: await server.child.call<number>('peakRss'),
    pastFirstRound: null,
  };
}

/** One turn of a closed loop: `connections` loops, each posting its next event once the last is done, for `seconds`. */
interface Round {
  posted: Posted[];
  /** from the first post to the last answer */
  seconds: number;
  cpuMicros: number;
}

async function closedRound(sink: ReplySink, server: Server, http: HttpPoster, bodies: LineBodies, customers: Customer[], connections: number, seconds: number, drainS: number): Promise<Round> {
  const cpuBefore = await server.child.call<number>('cpuMicros');
  let next = 0;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  let endLoad!: () => void;
  const ended = new Promise<void>((resolve) => (endLoad = resolve));
  const deadline = deadlineAfter(ended, drainS);
  const posted: Posted[] = [];
  // with fewer connections than customers, a customer never has two events in flight; each round goes on
  // round the customers from where the last stopped (their `sent`), so only the first has the new ones' follows
  const loop = async () => {
    while (performance.now() < stopAt) {
      const customer = customers[next++ % customers.length] as Customer;
      posted.push(await post(sink, http, bodies, customer, deadline, drainS));
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  endLoad();
  const cpuMicros = (await server.child.call<number>('cpuMicros')) - cpuBefore;
  const lastEnd = Math.max(started, ...posted.filter((p) => p.done).map((p) => p.end));
  return { posted, seconds: (lastEnd - started) / 1000, cpuMicros };
}

/** Messages/s over the rounds' time and CPU per message over their CPU time. */
function throughputOf(rounds: Round[]): Throughput {
  const done = rounds.reduce((sum, round) => sum + round.posted.filter((p) => p.done).length, 0);
  return {
    perSecond: done / rounds.reduce((sum, round) => sum + round.seconds, 0),
    cpuPerMessage: rounds.reduce((sum, round) => sum + round.cpuMicros, 0) / Math.max(1, done),
  };
}

/** A server's rounds as one load: throughput over all of them, latencies over all their posts. */
function ofRounds(rounds: Round[], drainS: number, http: HttpPoster, peakRss: number): LoadResult {
  const posted = rounds.flatMap((round) => round.posted);
  const whole = latencies(posted, drainS);
  return {
    sent: posted.length,
    done: posted.filter((p) => p.done).length,
    replies: posted.filter((p) => p.reply !== null).length,
    ...throughputOf(rounds),
    ...whole,
    // a closed loop has no start burst to leave out (only open loops report it)
    steady: whole,
    failedAcks: http.errors,
    lastError: http.lastError,
    peakRss,
    pastFirstRound: rounds.length > 1 ? throughputOf(rounds.slice(1)) : null,
  };
}

/** `rate` events a second for `seconds`, round the customers, whether or not the server keeps up. */
async function openLoop(sink: ReplySink, server: Server, bodies: LineBodies, customers: Customer[], rate: number, seconds: number, drainS: number): Promise<LoadResult> {
  const http = new HttpPoster(server.url, 64);
  try {
    return await measure(server, async () => {
      let endLoad!: () => void;
      const ended = new Promise<void>((resolve) => (endLoad = resolve));
      const deadline = deadlineAfter(ended, drainS);
      const started = performance.now();
      const inFlight = await atRate(rate, Math.max(1, Math.round(rate * seconds)), (i) => post(sink, http, bodies, customers[i % customers.length] as Customer, deadline, drainS));
      endLoad();
      return summarise(await Promise.all(inFlight), started, drainS);
    }, http);
  } finally {
    http.close();
  }
}

/** Every returning customer's follow and first text, at a moderate rate, answered before the timed run. */
async function warmUp(sink: ReplySink, server: Server, bodies: LineBodies, customers: Customer[], drainS: number): Promise<void> {
  const http = new HttpPoster(server.url, 64);
  try {
    const deadline = sleep((drainS + customers.length / 250) * 1000);
    const posts = await atRate(500, customers.length * 2, (i) => post(sink, http, bodies, customers[i % customers.length] as Customer, deadline, drainS));
    const done = (await Promise.all(posts)).filter((p) => p.done).length;
    if (done < posts.length) throw new Error(`warm-up: ${posts.length - done} of ${posts.length} events not answered`);
  } finally {
    http.close();
  }
}

type Load = { kind: 'closed'; connections: number; seconds: number } | { kind: 'open'; rate: number; seconds: number };

const loadLabel = (load: Load) => (load.kind === 'closed' ? `closed loop, ${load.connections} connections` : `${load.rate.toLocaleString('en-US')} msg/s`);

/** A server under test, ready for a load: its fake-LINE bodies, and a check of what it did once the load is over. */
interface Contender {
  server: Server;
  bodies: LineBodies;
  /** after its load: throws if it did not do what it says (the storing bot must have stored what it answered) */
  finish(load: LoadResult): Promise<void>;
  stop(): Promise<void>;
}

export async function bot(ctx: ScenarioContext): Promise<void> {
  const s = ctx.sizes.bot;
  const loads: Load[] = [{ kind: 'closed', connections: s.connections, seconds: s.closedS }, ...s.rates.map((rate): Load => ({ kind: 'open', rate, seconds: s.durationS }))];
  for (const load of loads) {
    const label = loadLabel(load);
    const results = await withChildren(async (track) => {
      const sink = new ReplySink();
      const lineApiUrl = await sink.listen();
      track({ stop: () => sink.close() });
      // half the customers have written before (known, named), the other half are new
      const customersOf = async ({ server, bodies }: Contender): Promise<Customer[]> => {
        const customers = Array.from({ length: s.customers }, () => new Customer());
        const returning = customers.slice(0, Math.ceil(customers.length / 2));
        if (s.warmupS > 0) await warmUp(sink, server, bodies, returning, s.drainS);
        else for (const customer of returning) customer.sent = 1; // smoke: no warm-up, start past the follow
        sink.forget();
        return customers;
      };

      const engine = track(await startEngine(ctx, { db: 'sqlite', processEvents: true, operators: 0, customers: 0, assignees: 0, lineApiUrl }));
      const bodies = () => new LineBodies(engine.info.channelSecret, engine.info.destination);
      const startBaton = async (): Promise<Contender> => ({
        server: { url: engine.info.url, child: engine.child },
        bodies: bodies(),
        finish: () => logSqlStats(ctx, engine.child, `after ${label}`),
        stop: () => engine.stop(),
      });
      const startEchoBot = async (storeIn?: string): Promise<Contender> => {
        const echo = track(await BenchChild.start('echo-bot.ts'));
        const { url } = await echo.call<{ url: string }>('start', { channelSecret: engine.info.channelSecret, channelAccessToken: engine.info.channelAccessToken, lineApiUrl, storeIn });
        return {
          server: { url, child: echo },
          bodies: bodies(),
          async finish(result) {
            if (!storeIn) return;
            // the storing bot must have stored what it answered (the warm-up's events too), or it is not the baseline it says
            const stored = await echo.call<{ events: number; messages: number }>('stored');
            if (stored.events < result.sent || stored.messages < result.replies) throw new Error(`the storing echo bot stored ${stored.events} events and ${stored.messages} messages for ${result.sent} events and ${result.replies} replies`);
          },
          stop: () => echo.stop(),
        };
      };
      const starters = [startBaton, () => startEchoBot(), () => startEchoBot(path.join(os.tmpdir(), `baton-bench-echo-${process.pid}.sqlite`))];

      // the closed loop's figures are ratios, and the machine's speed moved by up to 2x between loads minutes
      // apart: the three servers are up side by side and take turns (as in the fan-out scenario), so a slow
      // moment weighs on all of them; while one runs, the others idle (Baton's timers: about 15 ms of CPU a second)
      if (load.kind === 'closed') {
        const contenders: Contender[] = [];
        for (const start of starters) contenders.push(await start());
        const ready = [];
        for (const contender of contenders) {
          const customers = await customersOf(contender);
          await contender.server.child.call('peakRss');
          const http = new HttpPoster(contender.server.url, load.connections);
          track({ stop: async () => http.close() });
          ready.push({ contender, customers, http, rounds: [] as Round[] });
        }
        for (let round = 0; round < s.closedRounds; round++) {
          const turns: string[] = [];
          for (const entry of ready) {
            const turn = await closedRound(sink, entry.contender.server, entry.http, entry.contender.bodies, entry.customers, load.connections, load.seconds / s.closedRounds, s.drainS);
            sink.forget();
            entry.rounds.push(turn);
            const done = turn.posted.filter((p) => p.done).length;
            const whole = (value: number) => Math.round(value).toLocaleString('en-US');
            turns.push(`${whole(done / turn.seconds)} msg/s at ${whole(turn.cpuMicros / Math.max(1, done))} µs`);
          }
          ctx.log(`  ${label}, round ${round + 1} (Baton, echo bot, storing echo bot): ${turns.join('; ')}`);
        }
        const [baton, baseline, durable] = await Promise.all(ready.map(async ({ contender, http, rounds }) => {
          const result = ofRounds(rounds, s.drainS, http, await contender.server.child.call<number>('peakRss'));
          await contender.finish(result);
          await contender.stop();
          return result;
        }));
        return { baton: baton as LoadResult, baseline: baseline as LoadResult, durable: durable as LoadResult };
      }

      // an open load, one server after the other: its latencies are the figures, and each has the machine alone
      const results: LoadResult[] = [];
      for (const start of starters) {
        const contender = await start();
        const customers = await customersOf(contender);
        const result = await openLoop(sink, contender.server, contender.bodies, customers, load.rate, load.seconds, s.drainS);
        sink.forget();
        await contender.finish(result);
        await contender.stop();
        results.push(result);
      }
      const [baton, baseline, durable] = results as [LoadResult, LoadResult, LoadResult];
      return { baton, baseline, durable };
    });
    report(ctx, load, label, results.baton, results.baseline);
    reportDurable(ctx, load, label, results.baton, results.durable);
  }
}

function report(ctx: ScenarioContext, load: Load, label: string, baton: LoadResult, baseline: LoadResult): void {
  const where = `bot SQLite, ${label}`;
  const echo = (value: number) => ({ name: 'SDK echo bot (node:http + SDK middleware + replyMessage, nothing stored)', value });
  const short = (value: number) => ({ name: 'SDK echo bot', value });
  const atFullRate = load.kind === 'open' && load.rate === 1_000;
  const missing = (r: LoadResult, who: string) =>
    r.done < r.sent ? `${who}: ${r.sent - r.done} of ${r.sent} events not answered within ${ctx.sizes.bot.drainS} s${r.failedAcks > 0 ? ` (${r.failedAcks} posts failed: ${r.lastError})` : ''}` : null;
  const note = [missing(baton, 'Baton'), missing(baseline, 'echo bot')].filter(Boolean).join('; ') || undefined;
  ctx.figure({
    name: `${where}: messages/s answered`,
    unit: 'msg/s',
    value: baton.perSecond,
    baseline: echo(baseline.perSecond),
    goal: load.kind === 'closed' ? { text: '>= 1.0x echo bot', minRatio: 1 } : null,
    note: [`events done (answered, or acknowledged where nothing answers) per second, from the first post to the last answer; ${baton.replies} replies`, note].filter(Boolean).join('; '),
  });
  ctx.figure({ name: `${where}: ack p50`, unit: 'ms', value: baton.ack.p50, baseline: short(baseline.ack.p50) });
  ctx.figure({
    name: `${where}: ack p99`,
    unit: 'ms',
    value: baton.ack.p99,
    baseline: short(baseline.ack.p99),
    goal: atFullRate ? { text: '< 20 ms', max: 20 } : null,
    note: 'the echo bot answers the webhook after its replies, as in the SDK example',
  });
  ctx.figure({ name: `${where}: webhook -> reply p50`, unit: 'ms', value: baton.reply.p50, baseline: short(baseline.reply.p50) });
  ctx.figure({
    name: `${where}: webhook -> reply p99`,
    unit: 'ms',
    value: baton.reply.p99,
    baseline: short(baseline.reply.p99),
    goal: atFullRate ? { text: '< 50 ms', max: 50 } : null,
    note: 'from the post to the reply arriving at the fake LINE',
  });
  // an open load's tail without its first seconds (STEADY_AFTER_MS); a smoke run may be too short to have any
  if (load.kind === 'open' && baton.steady.ack.count > 0 && baseline.steady.ack.count > 0) {
    const after = `after the first ${STEADY_AFTER_MS / 1000} s`;
    ctx.figure({ name: `${where}: ack p99 ${after}`, unit: 'ms', value: baton.steady.ack.p99, baseline: short(baseline.steady.ack.p99), note: 'of the events posted after the load had run that long' });
    ctx.figure({ name: `${where}: webhook -> reply p99 ${after}`, unit: 'ms', value: baton.steady.reply.p99, baseline: short(baseline.steady.reply.p99), note: 'of the events posted after the load had run that long' });
  }
  ctx.figure({
    name: `${where}: server CPU per message`,
    unit: 'µs',
    value: baton.cpuPerMessage,
    baseline: short(baseline.cpuPerMessage),
    goal: load.kind === 'closed' ? { text: '<= 1.0x echo bot', maxRatio: 1 } : null,
    note: `CPU time of the server process over the run per event done: ${Math.round(1e6 / baton.cpuPerMessage)} messages per CPU-second (echo bot ${Math.round(1e6 / baseline.cpuPerMessage)})`,
  });
  if (baton.pastFirstRound && baseline.pastFirstRound) {
    const past = 'past the first round';
    const why = "the rounds after the first, which holds the new customers' follows and every server's first seconds of full load (the goals are read on all rounds)";
    ctx.figure({ name: `${where}: messages/s answered ${past}`, unit: 'msg/s', value: baton.pastFirstRound.perSecond, baseline: short(baseline.pastFirstRound.perSecond), note: why });
    ctx.figure({ name: `${where}: server CPU per message ${past}`, unit: 'µs', value: baton.pastFirstRound.cpuPerMessage, baseline: short(baseline.pastFirstRound.cpuPerMessage), note: why });
  }
  ctx.figure({ name: `memory: peak RSS under ${where}`, unit: 'MB', value: baton.peakRss / 2 ** 20, baseline: short(baseline.peakRss / 2 ** 20) });
}

/** Baton beside the echo bot that stores every event and message (no goal: the issue's baseline is the stateless one). */
function reportDurable(ctx: ScenarioContext, load: Load, label: string, baton: LoadResult, durable: LoadResult): void {
  const where = `bot SQLite, ${label}`;
  const name = 'echo bot storing in SQLite (events, texts, replies; no exactly-once, no flows)';
  const missing = durable.done < durable.sent ? `storing echo bot: ${durable.sent - durable.done} of ${durable.sent} events not answered` : undefined;
  if (load.kind === 'closed') ctx.figure({ name: `${where}: messages/s answered, beside a storing echo bot`, unit: 'msg/s', value: baton.perSecond, baseline: { name, value: durable.perSecond }, note: missing });
  ctx.figure({ name: `${where}: ack p99, beside a storing echo bot`, unit: 'ms', value: baton.ack.p99, baseline: { name, value: durable.ack.p99 } });
  ctx.figure({ name: `${where}: webhook -> reply p99, beside a storing echo bot`, unit: 'ms', value: baton.reply.p99, baseline: { name, value: durable.reply.p99 } });
  ctx.figure({ name: `${where}: server CPU per message, beside a storing echo bot`, unit: 'µs', value: baton.cpuPerMessage, baseline: { name, value: durable.cpuPerMessage } });
  if (baton.pastFirstRound && durable.pastFirstRound) {
    ctx.figure({ name: `${where}: server CPU per message past the first round, beside a storing echo bot`, unit: 'µs', value: baton.pastFirstRound.cpuPerMessage, baseline: { name, value: durable.pastFirstRound.cpuPerMessage } });
  }
}
