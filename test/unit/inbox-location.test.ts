/**
 * The inbox's view as a hash route (studio/src/inbox/inbox-location.ts over studio/src/app/routes.ts) and its
 * filters (inbox-filters.ts): what a reload or a shared link reads back is what was written, defaults stay out
 * of the URL, a hand-edited bad value falls back rather than breaking the page, and live conversations are
 * matched by the same rules the engine lists them by.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { hrefFor, parsePlace } from '../../studio/src/app/routes.ts';
import { matchesFilters, NO_FILTERS, type InboxFilters } from '../../studio/src/inbox/inbox-filters.ts';
import { inboxHash, parentLocation, parseInboxLocation, phoneViewOf, type InboxLocation } from '../../studio/src/inbox/inbox-location.ts';

const HOME: InboxLocation = { conversationId: null, tab: 'WAITING', filters: NO_FILTERS, query: '', info: false };

test('routes keep working as before, and now carry the query after ?', () => {
  assert.equal(parsePlace('#/invite/abc%2Fdef'), { route: 'invite', param: 'abc/def' });
  assert.equal(parsePlace('#/team'), { route: 'team', param: null });
  assert.equal(parsePlace('#/inbox/01J?tab=active&team=sales'), { route: 'inbox', param: '01J', query: 'tab=active&team=sales' });
  assert.is(parsePlace('#/nowhere'), null);
  assert.is(hrefFor('team'), '#/team');
  assert.is(hrefFor('inbox', 'a b', 'tab=active'), '#/inbox/a%20b?tab=active');
  assert.is(hrefFor('inbox', null, new URLSearchParams()), '#/inbox');
});

test('the plain inbox is #/inbox; defaults stay out of the URL', () => {
  assert.is(inboxHash(HOME), '#/inbox');
  assert.equal(parseInboxLocation('#/inbox'), HOME);
  assert.equal(parseInboxLocation(''), HOME, 'the studio opens on the inbox');
});

test('a full view is written as the issue asks and read back the same', () => {
  const view: InboxLocation = {
    conversationId: '01JABC',
    tab: 'ACTIVE',
    filters: { assignee: 'me', team: 'sales', tag: 'vip', channel: 'shop-2' },
    query: 'ann',
    info: false,
  };
  assert.is(inboxHash(view), '#/inbox/01JABC?tab=active&assignee=me&team=sales&tag=vip&channel=shop-2&q=ann');
  assert.equal(parseInboxLocation(inboxHash(view)), view);
});

test('any view survives the round trip through the URL', () => {
  const text = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() === s && !/[\u0000-\u001f]/.test(s));
  const location = fc.record({
    conversationId: fc.option(fc.stringMatching(/^[0-9A-Z]{26}$/), { nil: null }),
    tab: fc.constantFrom('WAITING' as const, 'ACTIVE' as const, 'CLOSED' as const),
    filters: fc.record({
      assignee: fc.oneof(fc.constantFrom('all' as const, 'me' as const, 'unassigned' as const), fc.uuid().map((operatorId) => ({ operatorId }))),
      team: fc.option(text(64), { nil: null }),
      tag: fc.option(text(50), { nil: null }),
      channel: fc.option(fc.stringMatching(/^[a-z0-9-]{1,32}$/), { nil: null }),
    }),
    query: fc.oneof(fc.constant(''), text(100)),
    info: fc.boolean(),
  });
  fc.assert(
    fc.property(location, (view) => {
      // fast-check's records have no prototype; the parsed ones are plain objects
      const expected = { ...view, filters: { ...view.filters }, info: view.info && view.conversationId !== null };
      assert.equal(parseInboxLocation(inboxHash(view)), expected);
    }),
  );
});

test('a hand-edited bad value falls back to the default instead of a broken inbox', () => {
  const read = parseInboxLocation(`#/inbox?tab=open&assignee=${encodeURIComponent('no one')}&team=${'t'.repeat(65)}&tag=${'v'.repeat(51)}&channel=${'Shop!'}&view=info`);
  assert.equal(read, HOME, 'view=info without a conversation is the list');
});

test('a phone shows list, thread or info; its Back goes info -> thread -> list and keeps tab and filters', () => {
  const thread: InboxLocation = { ...HOME, conversationId: 'c1', tab: 'ACTIVE', filters: { ...NO_FILTERS, team: 'sales' } };
  const info = { ...thread, info: true };
  assert.is(phoneViewOf(HOME), 'list');
  assert.is(phoneViewOf(thread), 'thread');
  assert.is(phoneViewOf(info), 'info');
  assert.equal(parentLocation(info), thread);
  assert.equal(parentLocation(thread), { ...thread, conversationId: null });
});

function conversation(over: Partial<ConversationDto> = {}, tags: string[] = []): ConversationDto {
  return {
    id: 'c1',
    status: 'ACTIVE',
    source: 'user',
    channelId: 'default',
    customer: { id: 'u1', lineUserId: 'U1', displayName: 'Ann', pictureUrl: null, language: null, mode: 'HUMAN', tags, following: true, createdAt: 1 },
    operatorId: 'me',
    operatorName: 'Me',
    team: 'sales',
    createdAt: 1,
    claimedAt: 2,
    firstResponseAt: null,
    closedAt: null,
    closeReason: null,
    flowVersion: 1,
    lastMessage: null,
    ...over,
  };
}

test('live conversations pass the filters by the rules the engine lists by', () => {
  const is = (filters: Partial<InboxFilters>, c: ConversationDto) => matchesFilters(c, { ...NO_FILTERS, ...filters }, 'me');
  assert.ok(is({}, conversation({ operatorId: 'other' })));
  assert.ok(is({ assignee: 'me' }, conversation()));
  assert.not.ok(is({ assignee: 'me' }, conversation({ operatorId: 'other' })), 'transferred away: it leaves Mine');
  assert.ok(is({ assignee: 'unassigned' }, conversation({ operatorId: null, status: 'WAITING' })));
  assert.not.ok(is({ assignee: 'unassigned' }, conversation()), 'claimed: it leaves Unassigned');
  assert.ok(is({ assignee: { operatorId: 'other' } }, conversation({ operatorId: 'other' })));
  assert.not.ok(is({ team: 'support' }, conversation()));
  assert.not.ok(is({ team: 'sales' }, conversation({ team: null })));
  assert.ok(is({ tag: 'VIP' }, conversation({}, ['vip'])), 'tags match case-insensitively');
  assert.not.ok(is({ tag: 'vi' }, conversation({}, ['vip'])), 'whole tags only');
  assert.ok(is({ channel: 'default' }, conversation()));
  assert.not.ok(is({ channel: 'shop-2' }, conversation()), 'another LINE channel');
});

test.run();
