import type { Knex } from 'knex';
import type { DeliveryStatus, MessageDirection, MessageDto, SenderKind } from '../../contracts/conversation.ts';
import { isPostgres } from '../dialect.ts';
import { rawRows, rawSqliteInsert } from '../raw-rows.ts';
import type { DeadHolders } from './engines.repo.ts';
import { parseJson } from './json-column.ts';
import { INSERTED_COLUMNS, insertedValues, newMessageRow } from './new-message-row.ts';

export interface MessageRow {
  id: number;
  customer_id: string;
  conversation_id: string | null;
  direction: MessageDirection;
  sender_kind: SenderKind;
  operator_id: string | null;
  type: string;
  text: string;
  payload: string;
  line_message_id: string | null;
  webhook_event_id: string | null;
  delivery_status: DeliveryStatus;
  sent_via: 'reply' | 'push' | null;
  retry_key: string | null;
  reply_token: string | null;
  reply_token_expires_at: number | null;
  /** the engine sending this batch right now, until send_locked_until */
  send_locked_by: string | null;
  send_locked_until: number | null;
  attempts: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  /** the customer unsent it on LINE (migration 015; written by media.repo.ts) */
  unsent_at?: number | null;
  /** in a group or room: the member who wrote it, and their name there (migration 019) */
  sender_line_user_id?: string | null;
  sender_name?: string | null;
}

export type NewMessage = Omit<MessageRow, 'id' | 'attempts' | 'last_error' | 'sent_at' | 'sent_via' | 'send_locked_by' | 'send_locked_until'> & {
  sent_via?: MessageRow['sent_via'];
};

const INSERTED_COLUMN_LIST = INSERTED_COLUMNS.join(', ');
const ROW_PLACEHOLDERS = `(${INSERTED_COLUMNS.map(() => '?').join(', ')})`;

export function toMessageDto(row: MessageRow): MessageDto {
  // an unsent message's words are withheld: the customer took them back
  if (row.unsent_at) return { ...toMessageDto({ ...row, unsent_at: null, text: '', payload: 'null' }), unsent: true };
  return {
    id: row.id,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    direction: row.direction,
    senderKind: row.sender_kind,
    operatorId: row.operator_id,
    type: row.type,
    text: row.text,
    payload: parseJson<unknown>(row.payload, null),
    ...(row.sender_name ? { senderName: row.sender_name } : {}),
    deliveryStatus: row.delivery_status,
    sentVia: row.sent_via,
    createdAt: row.created_at,
  };
}

export class MessagesRepo {
  constructor(private readonly db: Knex) {}

  async insert(message: NewMessage): Promise<MessageRow> {
    const [row] = await this.insertMany([message]);
    if (!row) throw new Error('the message was not stored');
    return row;
  }

  /** Stores the messages with one statement; returns the rows in the order given (ids ascending). */
  async insertMany(messages: readonly NewMessage[]): Promise<MessageRow[]> {
    if (messages.length === 0) return [];
    // written as SQL with every column (every event stores its message and its answer this way, and
    // building the insert with the query builder cost more than SQLite's work on it)
    const rows = messages.map(newMessageRow);
    const sql = `insert into messages (${INSERTED_COLUMN_LIST}) values ${rows.map(() => ROW_PLACEHOLDERS).join(', ')}`;
    const bindings = insertedValues(rows);
    if (isPostgres(this.db)) return (await rawRows<MessageRow>(this.db, `${sql} returning *`, bindings)).sort((a, b) => a.id - b.id);
    // SQLite: the rows are what was written plus the ids the INSERT gave. RETURNING * would read each row
    // back into an object of 25 columns, which cost as much as the insert itself; one INSERT numbers its
    // rows one after another (AUTOINCREMENT, the write lock held throughout), so the last id gives them all
    const { lastId, changes } = await rawSqliteInsert(this.db, sql, bindings);
    if (changes !== rows.length) throw new Error(`stored ${changes} of ${rows.length} messages`);
    const firstId = lastId - rows.length + 1;
    rows.forEach((row, i) => (row.id = firstId + i));
    return rows;
  }

  findById(id: number): Promise<MessageRow | undefined> {
    return this.db<MessageRow>('messages').where({ id }).first();
  }

  async attachToConversation(id: number, conversationId: string): Promise<MessageRow | undefined> {
    await this.db('messages').where({ id }).update({ conversation_id: conversationId });
    return this.findById(id);
  }

  findByIds(ids: number[]): Promise<MessageRow[]> {
    return this.db<MessageRow>('messages').whereIn('id', ids).orderBy('id');
  }

  listByConversation(conversationId: string, limit = 500): Promise<MessageRow[]> {
    return this.db<MessageRow>('messages').where({ conversation_id: conversationId }).orderBy('id', 'asc').limit(limit);
  }

  listByCustomer(customerId: string, limit = 500): Promise<MessageRow[]> {
    return this.db<MessageRow>('messages').where({ customer_id: customerId }).orderBy('id', 'asc').limit(limit);
  }

  /**
   * The customer's messages outside one conversation and older than `beforeId`, newest first: the bot
   * exchanges (no conversation) and their other conversations, a page at a time (the (customer_id, id) index).
   */
  listCustomerHistory(customerId: string, query: { excludeConversationId: string; beforeId: number; limit: number }): Promise<MessageRow[]> {
    return this.db<MessageRow>('messages')
      .where({ customer_id: customerId })
      .where('id', '<', query.beforeId)
      .where((w) => w.whereNull('conversation_id').orWhereNot('conversation_id', query.excludeConversationId))
      .orderBy('id', 'desc')
      .limit(query.limit);
  }

  /** The id of the conversation's first message; undefined while it has none. */
  async firstIdOfConversation(conversationId: string): Promise<number | undefined> {
    const row = await this.db('messages').where({ conversation_id: conversationId }).min<{ first: number | string | null }[]>({ first: 'id' }).first();
    const first = row?.first;
    return first === null || first === undefined ? undefined : Number(first);
  }

  /** Outbound messages LINE has not accepted yet and no engine is sending (the outbox), oldest first. */
  pendingOutbound(limit: number, now: number): Promise<MessageRow[]> {
    // the pending ones are found by their index (migration 024) and then read in id order: asked for in
    // id order directly, SQLite would rather walk the whole table by id than sort the few pending rows
    const pending = this.db('messages')
      .select('id')
      // written in, not bound: a bound value would have SQLite (built with STAT4) plan the statement again
      // on every run, to see whether the value fits the index of pending messages
      .whereRaw(`delivery_status = 'pending'`)
      .where({ direction: 'out' })
      .where((w) => w.whereNull('send_locked_until').orWhere('send_locked_until', '<', now));
    return this.db<MessageRow>('messages').whereIn('id', pending).orderBy('id', 'asc').limit(limit);
  }

  /**
   * Takes the batch that shares this retry key for one engine until the lease ends: one conditional
   * update, so of two engines (or a sweep and the event that wrote the batch) only one gets it.
   * Returns the batch as it is now (an earlier attempt may have spent the reply token), or [] when
   * it is sent, failed for good, or being sent elsewhere: the rows the update changed, read back by
   * the update itself (RETURNING, on both databases) rather than by a second statement.
   */
  claimBatch(retryKey: string, owner: string, now: number, leaseMs: number): Promise<MessageRow[]> {
    return this.claimBatches([retryKey], owner, now, leaseMs);
  }

  /**
   * claimBatch for several batches at once (the dispatcher's sends started together): one statement,
   * one commit. Each batch is claimed or not on its own terms; the rows of all that were, ids ascending.
   */
  async claimBatches(retryKeys: readonly string[], owner: string, now: number, leaseMs: number): Promise<MessageRow[]> {
    const keys = [...new Set(retryKeys)];
    if (keys.length === 0) return [];
    // written as SQL, as the hot statements of the webhook path are: one per reply sent, and building
    // it with the query builder cost more than SQLite's own work on it
    const claimed = await rawRows<MessageRow>(
      this.db,
      `update messages set send_locked_by = ?, send_locked_until = ?,
         reply_token = case when send_locked_by is null then reply_token else null end
       where retry_key in (${keys.map(() => '?').join(', ')}) and direction = 'out' and delivery_status = 'pending'
         and (send_locked_until is null or send_locked_until < ?)
         and not exists (
           select 1 from messages earlier
           where earlier.delivery_status = 'pending' and earlier.direction = 'out'
             and earlier.customer_id = messages.customer_id and earlier.id < messages.id and earlier.retry_key <> messages.retry_key)
       returning *`,
      // taken from a lease that ran out (the case above): its holder claimed it to send it, so the
      // token may be spent (LINE takes a token once); this path is the backstop, engines that die
      // are taken over sooner. The not-exists: a customer's batches go out in the order written,
      // none while an earlier one is still pending, wherever it is (in flight on another engine,
      // or waiting for its next attempt)
      [owner, now + leaseMs, ...keys, now],
    );
    return claimed.sort((a, b) => a.id - b.id);
  }

  /**
   * The customer's oldest batch still waiting after `afterId` and held by nobody, as its rows: what to
   * send next once a batch of theirs is done (it may have been written on another engine).
   */
  async nextPendingOf(customerId: string, afterId: number, now: number): Promise<MessageRow[]> {
    // one statement: after most batches there is none, and the lookup alone is all it costs
    return rawRows<MessageRow>(
      this.db,
      `select * from messages where delivery_status = 'pending' and retry_key = (
         select retry_key from messages
         where customer_id = ? and direction = 'out' and delivery_status = 'pending' and id > ?
           and (send_locked_until is null or send_locked_until < ?)
         order by id asc limit 1)
       order by id asc`,
      [customerId, afterId, now],
    );
  }

  /** Hands back the batches this engine still holds at shutdown (see takeOverBatches): another engine sends them now. */
  async releaseBatches(owner: string): Promise<{ released: number; uncertain: number }> {
    return this.takeOverBatches({ holder: owner });
  }

  /**
   * Takes over batches whose holder will not finish them (it died, or stopped without waiting for
   * LINE), without waiting for their leases: each goes again at once, by push with its retry key (a
   * push that had reached LINE is then answered 409, not delivered twice). A batch is claimed only to
   * be sent there and then, so one that still has its reply token may have its reply in flight: a
   * token works once and a reply has no retry key, so, like a reply that timed out, it is marked
   * uncertain (the operator sees it), never tried again and never pushed.
   */
  async takeOverBatches(dead: DeadHolders): Promise<{ released: number; uncertain: number }> {
    const held = () => {
      const query = this.db('messages').whereNotNull('send_locked_by').where({ delivery_status: 'pending' });
      return 'holder' in dead ? query.where({ send_locked_by: dead.holder }) : query.whereNot({ send_locked_by: dead.allBut });
    };
    const uncertain = await held()
      .whereNotNull('reply_token')
      .update({
        delivery_status: 'uncertain',
        sent_via: 'reply',
        reply_token: null,
        last_error: 'the engine sending this reply stopped before LINE answered',
        attempts: this.db.raw('attempts + 1'),
        send_locked_by: null,
        send_locked_until: null,
      });
    const released = await held().update({ send_locked_by: null, send_locked_until: null });
    return { released, uncertain };
  }

  /** Marks the batch sent; returns its rows as they are now (ids ascending), for announcing them. */
  async markSent(ids: number[], via: 'reply' | 'push', now: number): Promise<MessageRow[]> {
    if (ids.length === 0) return [];
    const rows = await rawRows<MessageRow>(
      this.db,
      `update messages set delivery_status = 'sent', sent_via = ?, sent_at = ?, reply_token = null, send_locked_by = null, send_locked_until = null
       where id in (${ids.map(() => '?').join(', ')}) returning *`,
      [via, now, ...ids],
    );
    return rows.sort((a, b) => a.id - b.id);
  }

  /**
   * A failed attempt: the reply token is spent either way, so the next attempt pushes. `release`
   * ends the send lease (the sweep retries); a reply that fell back to push keeps it.
   */
  async markAttemptFailed(ids: number[], error: string, final: boolean, release = true): Promise<void> {
    await this.db('messages')
      .whereIn('id', ids)
      .update({
        reply_token: null,
        last_error: error.slice(0, 500),
        delivery_status: final ? 'failed' : 'pending',
        attempts: this.db.raw('attempts + 1'),
        ...(release ? { send_locked_by: null, send_locked_until: null } : {}),
      });
  }

  /**
   * A reply whose outcome is unknown (timed out, connection cut, abandoned at shutdown): it may have
   * arrived, and a token works once, so it is neither retried nor pushed; operators see it marked.
   */
  async markUncertain(ids: number[], error: string): Promise<void> {
    await this.db('messages')
      .whereIn('id', ids)
      .update({
        delivery_status: 'uncertain',
        sent_via: 'reply',
        reply_token: null,
        last_error: error.slice(0, 500),
        attempts: this.db.raw('attempts + 1'),
        send_locked_by: null,
        send_locked_until: null,
      });
  }

  /** Last message of each conversation, for list previews. */
  lastOfConversations(conversationIds: string[]): Promise<MessageRow[]> {
    const ids = [...new Set(conversationIds)];
    if (ids.length === 0) return Promise.resolve([]);
    // one max() per conversation, which the (conversation_id, id) index answers from its last entry;
    // as `max(id) … where conversation_id in (…) group by` both databases read every message of the
    // conversation (247 µs instead of 3 µs at 5,000 messages, on every update of a long conversation)
    const lastIds = ids.map(() => '(select max(m.id) from messages m where m.conversation_id = ?)').join(', ');
    return this.db<MessageRow>('messages').whereRaw(`id in (${lastIds})`, ids);
  }
}
