/** Memory figures of the process this runs in; a child under test reports them to the parent. */

export interface MemoryFigures {
  heapUsed: number;
  rss: number;
  external: number;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start this process with --expose-gc');
  // twice: the first pass runs finalizers that free more on the second
  gc();
  gc();
}

export function memoryNow(gc: boolean): MemoryFigures {
  if (gc) collect();
  const { heapUsed, rss, external } = process.memoryUsage();
  return { heapUsed, rss, external };
}

/** Keeps the highest resident set size seen, sampled on a timer that does not hold the process open. */
export class MemorySampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(intervalMs = 100): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage.rss());
    }, intervalMs);
    this.timer.unref();
  }

  takePeak(): number {
    const peak = Math.max(this.peak, process.memoryUsage.rss());
    this.peak = 0;
    return peak;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
