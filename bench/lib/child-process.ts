/**
 * The bench runs every server under test in a child process of its own, so the load generator never
 * shares the server's event loop or heap. Parent and child talk over Node's IPC channel: the parent
 * calls named methods, the child answers each call once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const benchDir = path.resolve(import.meta.dirname, '..');
export const repoRoot = path.resolve(benchDir, '..');

interface Call {
  id: number;
  method: string;
  args: unknown;
}

type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type Handlers = Record<string, (args: never) => unknown>;

/** Child side: answers the parent's calls, and exits when the parent goes away. */
export function serveParent(handlers: Handlers, onParentGone: () => Promise<void> | void = () => {}): void {
  if (!process.send) throw new Error('this file runs as a child of bench/run.ts');
  const builtIn: Handlers = {
    /** CPU time this process has used, microseconds (user + system): a figure that other load on the machine barely moves */
    cpuMicros: (): number => {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
  };
  process.on('message', (message: Call) => {
    const handler = (handlers[message.method] ?? builtIn[message.method]) as ((args: unknown) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`no method ${message.method}`);
        return handler(message.args);
      })
      .then(
        (result): Answer => ({ id: message.id, ok: true, result }),
        (error: unknown): Answer => ({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      )
      .then((answer) => {
        // after `stop` the child has cleaned up: leave once the answer is on its way
        process.send?.(answer, undefined, undefined, () => {
          if (message.method === 'stop') process.exit(0);
        });
      });
  });
  process.on('disconnect', () => {
    void Promise.resolve(onParentGone()).finally(() => process.exit(0));
  });
  process.send({ id: 0, ok: true, result: 'up' } satisfies Answer);
}

export interface ChildOptions {
  env?: Record<string, string>;
  /** extra node flags, e.g. --expose-gc, --cpu-prof */
  nodeFlags?: string[];
}

/** Parent side: a child process running one of bench/processes/*.ts. */
export class BenchChild {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited = false;

  private constructor(readonly name: string, private readonly child: ChildProcess) {
    child.on('message', (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.result);
      else waiting.reject(new Error(`${name}: ${answer.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const waiting of this.pending.values()) waiting.reject(new Error(`${name} exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  static start(file: string, options: ChildOptions = {}): Promise<BenchChild> {
    const child = fork(path.join(benchDir, 'processes', file), [], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const handle = new BenchChild(file, child);
    return new Promise((resolve, reject) => {
      handle.pending.set(0, { resolve: () => resolve(handle), reject });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  call<T>(method: string, args: unknown = {}): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      this.child.send({ id, method, args } satisfies Call);
    });
  }

  /** Asks the child to stop (its own `stop` method), then waits for it to exit; kills it after a grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.call('stop'), exited]);
    } catch {
      // the child may exit before it answers
    }
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
