/**
 * `baton operators list | add | set | reset-password | deactivate`: the team from the command line, against
 * the database in DATABASE_URL, so a server can be set up without a browser. Every change is audited as the
 * command line (`cli:<user>`). Passwords are never taken as arguments (shell history, `ps`): `add` prints a
 * one-time password or, with --invite, an invite link; --password-stdin reads one from standard input.
 * Running engines refuse a deactivated operator's requests at once and end their sockets within 30 s.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ROLES, type CreateOperatorRequest, type OperatorDto, type Role, type UpdateOperatorRequest } from '../contracts/rest.ts';
import { loadConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { AuditService } from '../services/audit/audit.service.ts';
import { AccessTokens } from '../services/auth/access-token.ts';
import { generatePassword } from '../services/auth/password.ts';
import { PasswordHasher } from '../services/auth/password-hasher.ts';
import { SessionService } from '../services/auth/session.service.ts';
import { TeamService } from '../services/auth/team.service.ts';
import { openDatabase } from '../store/database.ts';
import { ConversationEventKind } from '../store/repositories/conversation-events.repo.ts';
import { createStore, type Store } from '../store/store.ts';

const usage = `usage:
  baton operators list
  baton operators add <email> --name <name> --role admin|supervisor|operator [--invite | --password-stdin]
                      [--teams a,b] [--skills x,y] [--capacity n]
  baton operators set <email|id> [--name <name>] [--role <role>] [--teams a,b] [--skills x,y] [--capacity n] [--active true|false]
  baton operators reset-password <email|id>
  baton operators deactivate <email|id>`;

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** standard input, for --password-stdin */
  readStdin: () => Promise<string>;
}

const defaultIo: Io = {
  out: process.stdout,
  err: process.stderr,
  readStdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  },
};

async function withTeam<T>(work: (team: TeamService, store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = createStore(await openDatabase(config.database));
  try {
    const tokenSecret = config.auth.tokenSecret ?? (await store.settings.get('token_secret')) ?? 'unused: the command line issues no tokens';
    const sessions = new SessionService(store, new AccessTokens(tokenSecret, config.auth.tokenTtlSeconds), { idleTimeoutMs: config.auth.idleTimeoutMs, maxAgeMs: config.auth.sessionMaxAgeMs }, Date.now);
    const team = new TeamService({
      store,
      hasher: new PasswordHasher({ concurrency: 1, queueMax: 1 }),
      sessions,
      audit: new AuditService(store, createLogger('silent'), Date.now),
      now: Date.now,
      publicUrl: config.publicUrl,
      systemActor: `cli:${os.userInfo().username}`,
      // engines announce the queue on their next change; here the conversations only go back to it, each
      // with its 'returned' event as the engine records one (analytics count it as a transfer of this operator)
      releaseConversations: async (operatorId) => {
        for (const row of await store.conversations.listActiveOf(operatorId)) {
          await store.transaction(async (tx) => {
            const at = Date.now();
            if (!(await tx.conversations.assign(row.id, null, at))) return;
            await tx.conversationEvents.record({ conversation_id: row.id, kind: ConversationEventKind.RETURNED, operator_id: operatorId, team: row.team, at });
          });
        }
      },
    });
    return await work(team, store);
  } finally {
    await store.close();
  }
}

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((v) => v.trim()).filter(Boolean));

function role(value: string | undefined): Role | undefined {
  if (value === undefined) return undefined;
  const found = ROLES.find((r) => r === value);
  if (!found) throw new UserError(400, 'invalid_role', `--role must be ${ROLES.join(', ')}`);
  return found;
}

function capacity(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new UserError(400, 'invalid_capacity', '--capacity must be a whole number from 0 to 100');
  return n;
}

function describe(operator: OperatorDto): string {
  const lastSignIn = operator.lastSignInAt ? new Date(operator.lastSignInAt).toISOString() : 'never';
  const state = operator.active ? (operator.invited ? 'invited' : 'active') : 'deactivated';
  return [operator.email, operator.name, operator.role, state, `teams=${operator.teams.join(',') || '-'}`, `skills=${operator.skills.join(',') || '-'}`, `capacity=${operator.capacity}`, `mfa=${operator.mfaEnabled ? 'on' : 'off'}`, `last-sign-in=${lastSignIn}`, operator.id].join('  ');
}

async function findId(store: Store, who: string | undefined): Promise<string> {
  if (!who) throw new UserError(400, 'usage', 'name the operator by email or id');
  const operator = (await store.operators.findByEmail(who)) ?? (await store.operators.findById(who));
  if (!operator) throw new UserError(404, 'not_found', `no operator "${who}"`);
  return operator.id;
}

const options = {
  name: { type: 'string' },
  role: { type: 'string' },
  teams: { type: 'string' },
  skills: { type: 'string' },
  capacity: { type: 'string' },
  active: { type: 'string' },
  invite: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
} as const;

export async function runOperatorsCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const [sub, ...rest] = args;
  try {
    const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true });
    const [who] = positionals;
    switch (sub) {
      case 'list':
        return await withTeam(async (team) => {
          for (const operator of await team.list()) io.out.write(`${describe(operator)}\n`);
          return 0;
        });
      case 'add': {
        const chosenRole = role(values.role);
        if (!who || !values.name || !chosenRole) throw new UserError(400, 'usage', 'add needs an email, --name and --role');
        const typed = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
        const oneTime = !values.invite && typed === undefined ? generatePassword() : undefined;
        const request: CreateOperatorRequest = { email: who, name: values.name, role: chosenRole };
        const password = typed ?? oneTime;
        if (password !== undefined) request.password = password;
        if (oneTime !== undefined) request.mustChangePassword = true;
        const teams = list(values.teams);
        const skills = list(values.skills);
        const cap = capacity(values.capacity);
        if (teams) request.teams = teams;
        if (skills) request.skills = skills;
        if (cap !== undefined) request.capacity = cap;
        return await withTeam(async (team) => {
          const created = await team.create(null, request);
          io.out.write(`${describe(created.operator)}\n`);
          if (created.invite) io.out.write(`Invite link (works once, until ${new Date(created.invite.expiresAt).toISOString()}): ${created.invite.url}\n`);
          if (oneTime) io.out.write(`One-time password (shown once; they choose their own at the first sign-in): ${oneTime}\n`);
          return 0;
        });
      }
      case 'set': {
        const changes: UpdateOperatorRequest = {};
        const chosenRole = role(values.role);
        const teams = list(values.teams);
        const skills = list(values.skills);
        const cap = capacity(values.capacity);
        if (values.name !== undefined) changes.name = values.name;
        if (chosenRole) changes.role = chosenRole;
        if (teams) changes.teams = teams;
        if (skills) changes.skills = skills;
        if (cap !== undefined) changes.capacity = cap;
        if (values.active !== undefined) {
          if (values.active !== 'true' && values.active !== 'false') throw new UserError(400, 'usage', '--active must be true or false');
          changes.active = values.active === 'true';
        }
        if (Object.keys(changes).length === 0) throw new UserError(400, 'usage', 'set needs at least one change');
        return await withTeam(async (team, store) => {
          io.out.write(`${describe(await team.update(null, await findId(store, who), changes))}\n`);
          return 0;
        });
      }
      case 'reset-password':
        return await withTeam(async (team, store) => {
          const reset = await team.resetPassword(null, await findId(store, who));
          io.out.write(`One-time password for ${reset.operator.email} (shown once; their sessions ended): ${reset.temporaryPassword}\n`);
          return 0;
        });
      case 'deactivate':
        return await withTeam(async (team, store) => {
          io.out.write(`${describe(await team.update(null, await findId(store, who), { active: false }))}\n`);
          return 0;
        });
    }
  } catch (error) {
    if (error instanceof UserError) {
      io.err.write(`baton operators: ${error.message}\n`);
      return error.code === 'usage' ? 2 : 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err.write(`baton operators: ${error.message}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
  io.err.write(`${usage}\n`);
  return 2;
}
