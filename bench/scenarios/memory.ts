/**
 * Scenario 4: memory. The engine's heap after a full GC, before and after 1,000 operator sockets
 * connect and sit idle; the difference per socket is compared with a bare Socket.IO server measured
 * the same way. The engine's resident set at rest is reported here; under load it is reported by
 * the end-to-end scenario.
 */
import { BenchChild } from '../lib/child-process.ts';
import type { MemoryFigures } from '../lib/memory.ts';
import { startEngine, withChildren, type ScenarioContext } from '../lib/scenario.ts';
import { sleep } from '../lib/stats.ts';

/** heap per socket: a full GC before and after the sockets connect (and settle) */
async function heapPerSocket(server: BenchChild, farm: BenchChild, url: string, tokens: string[]): Promise<{ perSocket: number; before: MemoryFigures }> {
  await sleep(500);
  const before = await server.call<MemoryFigures>('memory', { gc: true });
  await farm.call('connect', { url, tokens });
  await sleep(1_000);
  const after = await server.call<MemoryFigures>('memory', { gc: true });
  return { perSocket: (after.heapUsed - before.heapUsed) / tokens.length, before };
}

export async function memory(ctx: ScenarioContext): Promise<void> {
  const { sockets } = ctx.sizes.memory;
  let engine = { perSocket: 0, before: { heapUsed: 0, rss: 0, external: 0 } };
  await withChildren(async (track) => {
    const baton = track(await startEngine(ctx, { db: 'sqlite', processEvents: true, operators: sockets, customers: 0, assignees: 0 }));
    const farm = track(await BenchChild.start('socket-farm.ts'));
    engine = await heapPerSocket(baton.child, farm, baton.info.url, baton.info.operators.map((o) => o.token));
  });
  let bare = 0;
  await withChildren(async (track) => {
    const server = track(await BenchChild.start('bare-socketio.ts', { nodeFlags: ['--expose-gc'] }));
    const { url } = await server.call<{ url: string }>('start');
    const farm = track(await BenchChild.start('socket-farm.ts'));
    bare = (await heapPerSocket(server, farm, url, Array.from({ length: sockets }, () => 'unused'))).perSocket;
  });
  ctx.figure({
    name: `memory: heap per idle operator socket (${sockets.toLocaleString('en-US')} sockets)`,
    unit: 'KB',
    value: engine.perSocket / 1024,
    baseline: { name: 'bare Socket.IO server, same sockets', value: bare / 1024 },
    goal: { text: '< 15 KB', max: 15 },
  });
  ctx.figure({ name: 'memory: engine RSS at rest (after start, no sockets)', unit: 'MB', value: engine.before.rss / 2 ** 20 });
  ctx.figure({ name: 'memory: engine heap at rest (after GC)', unit: 'MB', value: engine.before.heapUsed / 2 ** 20 });
}
