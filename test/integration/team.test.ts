/**
 * Running a team: an admin adds operators (with a password, a one-time password or an invite link), changes
 * roles, teams, skills and capacity, resets passwords, deactivates, over REST and from the command line.
 * Changes that take rights away take effect at once. SQLite and Postgres (BATON_TEST_DB).
 */
import { PassThrough } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runOperatorsCommand } from '../../engine/cli/operators-command.ts';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { CreateOperatorResponse, InviteInfoResponse, LoginResponse, OperatorDto, OperatorResponse, ResetPasswordResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let admin: OperatorClient;

test.before(async () => {
  engine = await startTestEngine();
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
});
test.after(() => engine.stop());

type ErrorBody = { error: { code: string; message: string } };
const create = (body: Record<string, unknown>) => admin.request<CreateOperatorResponse & ErrorBody>('POST', '/api/operators', body);

async function customerWaiting(userId: string): Promise<ConversationDto> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(userId, 'agent please')]))).status, 200);
  return waitFor(async () => (await admin.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === userId), 'the waiting conversation');
}

test('an admin adds an operator with a password; they sign in and claim a waiting conversation', async () => {
  const created = await create({ email: 'nok@example.com', name: 'Nok', role: 'operator', password: 'nok-password-1', teams: ['billing'], skills: ['th'], capacity: 3 });
  assert.is(created.status, 201);
  const operator = created.body.operator;
  assert.equal({ email: operator.email, name: operator.name, role: operator.role, teams: operator.teams, skills: operator.skills, capacity: operator.capacity, active: operator.active, invited: operator.invited, mfaEnabled: operator.mfaEnabled }, { email: 'nok@example.com', name: 'Nok', role: 'operator', teams: ['billing'], skills: ['th'], capacity: 3, active: true, invited: false, mfaEnabled: false });
  assert.is(created.body.invite, null);

  const nok = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
  assert.is(nok.login.restriction, null);
  const conversation = await customerWaiting('U000000000000000000000000000000a1');
  const claimed = await nok.request<{ conversation: ConversationDto }>('POST', `/api/conversations/${conversation.id}/claim`);
  assert.is(claimed.status, 200);
  assert.is(claimed.body.conversation.operatorId, operator.id);

  const list = await admin.request<{ operators: OperatorDto[] }>('GET', '/api/operators');
  assert.ok(list.body.operators.find((o) => o.email === 'nok@example.com')?.lastSignInAt, 'the last sign-in is shown');
});

test('only admins add or change operators; a taken email, a bad role or a short password is refused', async () => {
  const nok = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
  assert.is((await nok.request('POST', '/api/operators', { email: 'x@example.com', name: 'X', role: 'admin', password: 'password-123' })).status, 403);
  assert.is((await nok.request('PATCH', `/api/operators/${nok.login.operator.id}`, { role: 'admin' })).status, 403, 'not even oneself');
  const taken = await create({ email: 'NOK@example.com', name: 'Nok 2', role: 'operator', password: 'password-123' });
  assert.is(taken.status, 409);
  assert.is(taken.body.error.code, 'email_taken');
  assert.is((await create({ email: 'y@example.com', name: 'Y', role: 'boss', password: 'password-123' })).status, 400);
  assert.is((await create({ email: 'y@example.com', name: 'Y', role: 'operator', password: 'short' })).status, 400);
});

test('a one-time password is good only for choosing a new one', async () => {
  const created = await create({ email: 'pim@example.com', name: 'Pim', role: 'operator', password: 'one-time-pass-1', mustChangePassword: true });
  assert.is(created.status, 201);
  const pim = await OperatorClient.signIn(engine.baseUrl, 'pim@example.com', 'one-time-pass-1');
  assert.is(pim.login.restriction, 'password_change');
  const refused = await pim.request<ErrorBody>('GET', '/api/conversations');
  assert.is(refused.status, 403);
  assert.is(refused.body.error.code, 'password_change_required');
  assert.is((await pim.request('POST', '/api/me/password', { currentPassword: 'one-time-pass-1', newPassword: 'pims-own-password' })).status, 200);
  assert.is((await pim.request('GET', '/api/conversations')).status, 200, 'the same session, now unrestricted');
  const again = await OperatorClient.signIn(engine.baseUrl, 'pim@example.com', 'pims-own-password');
  assert.is(again.login.restriction, null);
});

test('an invite link shows whose it is, sets the password once and signs the operator in', async () => {
  const created = await create({ email: 'fah@example.com', name: 'Fah', role: 'supervisor' });
  assert.is(created.status, 201);
  assert.ok(created.body.operator.invited);
  const invite = created.body.invite;
  assert.ok(invite);
  assert.match(invite.url, /\/#\/invite\/[A-Za-z0-9_-]{43}$/);
  const token = invite.url.split('/').pop() ?? '';
  assert.is((await fetch(`${engine.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'fah@example.com', password: 'anything-at-all' }) })).status, 401, 'no password works before the invite is used');

  const info = await fetch(`${engine.baseUrl}/api/invites/${token}`);
  assert.equal((await info.json()) as InviteInfoResponse, { email: 'fah@example.com', name: 'Fah', expiresAt: invite.expiresAt });
  const accept = (password: string) => fetch(`${engine.baseUrl}/api/invites/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  const accepted = await accept('fahs-own-password');
  assert.is(accepted.status, 200);
  const login = (await accepted.json()) as LoginResponse;
  assert.is(login.operator.email, 'fah@example.com');
  assert.is(login.operator.invited, false);
  assert.ok(accepted.headers.getSetCookie().some((c) => c.startsWith('baton_refresh=')));
  assert.is((await accept('another-password')).status, 404, 'an invite works once');
  assert.is((await fetch(`${engine.baseUrl}/api/invites/${token}`)).status, 404);
  await OperatorClient.signIn(engine.baseUrl, 'fah@example.com', 'fahs-own-password');
});

test('a role change takes effect at once on REST, and the socket reconnects for the new role', async () => {
  const nok = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
  await nok.connect();
  assert.is((await nok.request('GET', '/api/flows/versions')).status, 403);
  const promoted = await admin.request<OperatorResponse>('PATCH', `/api/operators/${nok.login.operator.id}`, { role: 'supervisor', skills: ['th', 'en'] });
  assert.is(promoted.status, 200);
  assert.equal(promoted.body.operator.skills, ['th', 'en']);
  assert.is((await nok.request('GET', '/api/flows/versions')).status, 200, 'the same token, the new role');
  await waitFor(() => nok.sessionEnds.includes('role_changed'), 'the socket told of the role change');
  await admin.request('PATCH', `/api/operators/${nok.login.operator.id}`, { role: 'operator' });
  assert.is((await nok.request('GET', '/api/flows/versions')).status, 403, 'and back');
  nok.close();
});

test('the last active admin cannot be demoted or deactivated', async () => {
  const me = admin.login.operator.id;
  const demote = await admin.request<ErrorBody>('PATCH', `/api/operators/${me}`, { role: 'operator' });
  assert.is(demote.status, 409);
  assert.is(demote.body.error.code, 'last_admin');
  assert.is((await admin.request('PATCH', `/api/operators/${me}`, { active: false })).status, 409);
});

test('a password reset gives a one-time password, ends their sessions, and the old password stops working', async () => {
  const nok = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
  const reset = await admin.request<ResetPasswordResponse>('POST', `/api/operators/${nok.login.operator.id}/reset-password`);
  assert.is(reset.status, 200);
  assert.is((await nok.request('GET', '/api/me')).status, 401);
  const old = await fetch(`${engine.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nok@example.com', password: 'nok-password-1' }) });
  assert.is(old.status, 401);
  const again = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', reset.body.temporaryPassword);
  assert.is(again.login.restriction, 'password_change');
  await again.request('POST', '/api/me/password', { currentPassword: reset.body.temporaryPassword, newPassword: 'nok-password-1' });
});

test('deactivation ends their sessions and sockets at once, refuses sign-in, and puts their chats back in the queue', async () => {
  const nok = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
  await nok.connect();
  const conversation = await customerWaiting('U000000000000000000000000000000a2');
  assert.is((await nok.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);

  const deactivated = await admin.request<OperatorResponse>('PATCH', `/api/operators/${nok.login.operator.id}`, { active: false });
  assert.is(deactivated.status, 200);
  assert.is(deactivated.body.operator.active, false);
  assert.is((await nok.request('GET', '/api/conversations')).status, 401);
  await waitFor(() => nok.sessionEnds.includes('revoked') && nok.socket?.connected === false, 'the socket ended');
  const login = await fetch(`${engine.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nok@example.com', password: 'nok-password-1' }) });
  assert.is(login.status, 403);
  assert.is(((await login.json()) as ErrorBody).error.code, 'account_disabled');
  const back = (await admin.request<{ conversation: ConversationDto }>('GET', `/api/conversations/${conversation.id}`)).body.conversation;
  assert.is(back.status, 'WAITING');
  assert.is(back.operatorId, null);

  assert.is((await admin.request('PATCH', `/api/operators/${nok.login.operator.id}`, { active: true })).status, 200);
  await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
  nok.close();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let outText = '';
  let errText = '';
  out.on('data', (d) => (outText += String(d)));
  err.on('data', (d) => (errText += String(d)));
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = engine.database.url;
  try {
    const code = await runOperatorsCommand(args, { out, err, readStdin: async () => 'typed-password-1\n' });
    return { code, out: outText, err: errText };
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

test('the command line adds, lists, changes, resets and deactivates operators against DATABASE_URL', async () => {
  const added = await cli('add', 'som@example.com', '--name', 'Som', '--role', 'operator', '--teams', 'sales,billing', '--capacity', '4');
  assert.is(added.code, 0, added.err);
  const oneTime = /One-time password \(shown once[^)]*\): (\S+)/.exec(added.out)?.[1];
  assert.ok(oneTime, added.out);
  const som = await OperatorClient.signIn(engine.baseUrl, 'som@example.com', oneTime);
  assert.is(som.login.restriction, 'password_change');
  assert.equal(som.login.operator.teams, ['sales', 'billing']);

  const typed = await cli('add', 'dao@example.com', '--name', 'Dao', '--role', 'supervisor', '--password-stdin');
  assert.is(typed.code, 0, typed.err);
  assert.is((await OperatorClient.signIn(engine.baseUrl, 'dao@example.com', 'typed-password-1')).login.restriction, null);
  const invited = await cli('add', 'ice@example.com', '--name', 'Ice', '--role', 'operator', '--invite');
  assert.match(invited.out, /Invite link .*\/#\/invite\//);

  const listed = await cli('list');
  assert.is(listed.code, 0);
  assert.match(listed.out, /som@example\.com {2}Som {2}operator {2}active {2}teams=sales,billing/);
  assert.match(listed.out, /ice@example\.com {2}Ice {2}operator {2}invited/);

  assert.is((await cli('set', 'som@example.com', '--role', 'supervisor', '--skills', 'th')).code, 0);
  const reset = await cli('reset-password', 'dao@example.com');
  assert.match(reset.out, /One-time password for dao@example\.com/);
  assert.is((await cli('deactivate', 'som@example.com')).code, 0);
  assert.is((await som.request('GET', '/api/me')).status, 401, 'a running engine refuses the deactivated operator at once');

  const entries = (await admin.request<{ entries: { action: string; actorEmail: string | null }[] }>('GET', '/api/audit?action=operator.updated')).body.entries;
  assert.ok(entries.some((e) => e.actorEmail?.startsWith('cli:')), 'audited as the command line');
  assert.is((await cli('add', 'x@example.com', '--role', 'operator')).code, 2, 'usage: --name missing');
  assert.is((await cli('set', 'nobody@example.com', '--role', 'admin')).code, 1);
});

test('deactivation from the command line puts their chats back in the queue and records each return, as the engine does', async () => {
  const added = await cli('add', 'kai@example.com', '--name', 'Kai', '--role', 'operator', '--password-stdin');
  assert.is(added.code, 0, added.err);
  const kai = await OperatorClient.signIn(engine.baseUrl, 'kai@example.com', 'typed-password-1');
  const conversation = await customerWaiting('U000000000000000000000000000000a3');
  assert.is((await kai.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);

  const deactivated = await cli('deactivate', 'kai@example.com');
  assert.is(deactivated.code, 0, deactivated.err);
  const back = (await admin.request<{ conversation: ConversationDto }>('GET', `/api/conversations/${conversation.id}`)).body.conversation;
  assert.is(back.status, 'WAITING');
  assert.is(back.operatorId, null);
  const team = (await engine.baton.store.conversations.findById(conversation.id))?.team ?? null;
  const events = (await engine.baton.store.conversationEvents.listOf(conversation.id)).map((e) => [e.kind, e.operator_id, e.team]);
  assert.equal(events.slice(-1), [['returned', kai.login.operator.id, team]], 'returned by the operator who had it');
});

test.run();
