/**
 * LINE's monthly message quota for the dashboard and the warning (docs/line-quota.md): LINE's figures, read
 * every 10 minutes and after a burst of pushes (never on the message path: nothing that sends waits for
 * this), Baton's own count of what it pushed this month, the forecast, and the warning admins get.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { LineQuotaDto } from '../../contracts/line-quota.ts';
import { forecastQuota } from '../../domain/line-quota/quota-forecast.ts';
import { DAY_MS, lineMonthOf } from '../../domain/line-quota/line-month.ts';
import { quotaWarning } from '../../domain/line-quota/quota-warning.ts';
import type { LineClient } from '../../line/line-client.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { LineQuotaReader } from './line-quota-figures.ts';
import { QuotaWarnings } from './quota-warnings.ts';

/** longest a request waits for LINE's figures before answering with the ones it has */
const READ_WAIT_MS = 2_000;

export interface LineQuotaOptions {
  /** LINE is asked again once its figures are this old; default 10 minutes */
  refreshMs?: number;
  /** how often Baton's own pushes are counted to spot a burst; default 1 minute */
  tickMs?: number;
  /** pushes since LINE's last answer that make it worth asking again before refreshMs; default 100 */
  burstPushes?: number;
  warnPercent: number;
  /** the LINE channel whose quota this is: Baton's own counts are its customers', its warnings its own (docs/channels.md); absent: every channel's counts */
  channelId?: string;
}

export class LineQuotaService {
  readonly #reader: LineQuotaReader;
  readonly #warnings: QuotaWarnings;
  readonly #refreshMs: number;
  readonly #tickMs: number;
  readonly #burstPushes: number;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    line: Pick<LineClient, 'getMessageQuota' | 'getMessageQuotaConsumption'>,
    private readonly store: Store,
    audit: AuditService,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: LineQuotaOptions,
  ) {
    this.#refreshMs = options.refreshMs ?? 10 * 60_000;
    this.#tickMs = options.tickMs ?? 60_000;
    this.#burstPushes = options.burstPushes ?? 100;
    this.#reader = new LineQuotaReader(line, now, (error) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'LINE quota figures not read; the last ones are kept'));
    this.#warnings = new QuotaWarnings(store, audit, logger, options.channelId);
  }

  /** reads LINE now, then keeps the figures fresh and the warning looked at */
  start(): void {
    const tick = () => this.#tick().catch((error: unknown) => this.logger.error({ error: String(error) }, 'LINE quota check failed'));
    void tick();
    this.#timer = setInterval(tick, this.#tickMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** the quota as the dashboard shows it; asks LINE first only when its figures are due */
  async view(): Promise<LineQuotaDto> {
    await this.#refreshIfDue();
    const view = await this.#compose();
    await this.#note(view);
    return view;
  }

  async #tick(): Promise<void> {
    await this.#refreshIfDue();
    await this.#note(await this.#compose());
  }

  /** a warning crossed (on the minute's look or on a request, whichever sees it first) is audited once */
  async #note(view: LineQuotaDto): Promise<void> {
    try {
      await this.#warnings.noted(view.month, view.warning, { used: view.used, limit: view.limit, runsOutOn: view.forecast.runsOutOn, warnPercent: this.options.warnPercent });
    } catch (error) {
      this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'LINE quota warning not recorded');
    }
  }

  /**
   * due: never read, older than refreshMs, from last month, or a burst of pushes since; LINE failing is asked
   * again at most once a tick. The wait for LINE is bounded: a hung LINE leaves the figures as they were.
   */
  async #refreshIfDue(): Promise<void> {
    const figures = this.#reader.figures;
    const now = this.now();
    const lastAttempt = this.#reader.lastAttemptAt;
    if (lastAttempt !== null && this.#reader.failedSince && now - lastAttempt < this.#tickMs) return;
    const due =
      figures === null ||
      now - figures.checkedAt >= this.#refreshMs ||
      lineMonthOf(figures.checkedAt).label !== lineMonthOf(now).label ||
      (await this.store.lineSends.between(figures.checkedAt, now + 1, this.options.channelId)).pushRequests >= this.#burstPushes;
    if (due) await Promise.race([this.#reader.read(), delay(READ_WAIT_MS, undefined, { ref: false })]);
  }

  async #compose(): Promise<LineQuotaDto> {
    const now = this.now();
    const month = lineMonthOf(now);
    const [thisMonth, lastSevenDays] = await Promise.all([
      this.store.lineSends.between(month.start, now + 1, this.options.channelId),
      this.store.lineSends.between(now - 7 * DAY_MS, now + 1, this.options.channelId),
    ]);
    const figures = this.#reader.figures;
    // figures read last month count last month's messages: this month's count is Baton's own until LINE answers
    const current = figures !== null && lineMonthOf(figures.checkedAt).label === month.label ? figures : null;
    const limit = figures?.limit ?? null;
    const used = current?.totalUsage ?? thisMonth.pushRequests;
    const forecast = forecastQuota({ used, limit, month, now, lastSevenDays: lastSevenDays.pushRequests });
    const warning = quotaWarning({ used, limit, runsOutOn: forecast.runsOutOn }, this.options.warnPercent);
    return {
      type: figures === null ? null : figures.limit === null ? 'none' : 'limited',
      limit,
      used,
      usedByBaton: thisMonth.pushRequests,
      remaining: limit === null ? null : Math.max(0, limit - used),
      month: month.label,
      resetsAt: month.end,
      forecast: { perDay: forecast.perDay, endOfMonth: forecast.endOfMonth, runsOutOn: forecast.runsOutOn },
      sent: { replies: thisMonth.replyMessages, pushes: thisMonth.pushMessages },
      checkedAt: figures?.checkedAt ?? null,
      stale: current === null || this.#reader.failedSince || now - current.checkedAt > 2 * this.#refreshMs,
      warning: warning && { ...warning, warnPercent: this.options.warnPercent },
    };
  }
}
