import type { Knex } from 'knex';

/** What Baton sent to LINE over a time span, as LINE's quota sees it and as the dashboard shows it. */
export interface LineSends {
  /** push requests LINE accepted: one per batch (its retry key), however many messages it carried; what counts against the quota */
  pushRequests: number;
  /** messages (bubbles) that went with a free reply token */
  replyMessages: number;
  /** messages (bubbles) that went by push */
  pushMessages: number;
}

/** Counts of outbound messages LINE accepted (sent_at, sent_via), read by the quota service (services/line-quota). */
export class LineSendsRepo {
  constructor(private readonly db: Knex) {}

  /** what LINE accepted from `from` (inclusive) to `to` (exclusive), epoch ms; to one channel's customers when `channelId` is given */
  async between(from: number, to: number, channelId?: string): Promise<LineSends> {
    const sent = () => {
      const q = this.db('messages').where('sent_at', '>=', from).where('sent_at', '<', to);
      if (channelId !== undefined) q.whereIn('customer_id', this.db('customers').select('id').where({ channel_id: channelId }));
      return q;
    };
    const [requests, messages] = await Promise.all([
      // a batch's messages share a retry key; a row without one (none today) counts on its own
      sent()
        .where('sent_via', 'push')
        .first(this.db.raw('count(distinct coalesce(retry_key, cast(id as varchar(20)))) as n')),
      sent()
        .whereNotNull('sent_via')
        .groupBy('sent_via')
        .select('sent_via')
        .count({ n: '*' }),
    ]);
    const bubbles = (via: string) => Number((messages as Array<{ sent_via: string; n: unknown }>).find((row) => row.sent_via === via)?.n ?? 0);
    return {
      pushRequests: Number((requests as { n?: unknown } | undefined)?.n ?? 0),
      replyMessages: bubbles('reply'),
      pushMessages: bubbles('push'),
    };
  }
}
