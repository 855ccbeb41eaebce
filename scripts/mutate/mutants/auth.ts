/** Mutants of sign-in and permissions: engine/services/auth/ (and the REST access table). */
import type { Mutant } from '../mutant.ts';

export const authMutants: Mutant[] = [
  {
    id: 'close-someone-elses-chat',
    file: 'engine/services/auth/permissions.ts',
    find: 'conversation.operator_id === null || conversation.operator_id === viewer.operatorId',
    replace: 'conversation.operator_id === null || conversation.operator_id !== null',
    suites: ['test/integration/conversation-ownership.test.ts', 'test/integration/who-hears-what.test.ts'],
    bug: 'an operator can close (and open live) a conversation someone else claimed',
  },
  {
    id: 'roles-one-step-up',
    file: 'engine/services/auth/permissions.ts',
    find: 'return RANK[role] >= RANK[least];',
    replace: 'return RANK[role] + 1 >= RANK[least];',
    suites: ['test/integration/flow-versions.test.ts'],
    bug: 'a supervisor can do admin work (publish flows, manage the team), an operator supervisor work',
  },
  {
    id: 'supervisor-publishes-flows',
    file: 'engine/transports/http/access-table.ts',
    find: "'POST /api/flows/versions': 'admin',",
    replace: "'POST /api/flows/versions': 'supervisor',",
    suites: ['test/integration/flow-versions.test.ts'],
    bug: 'a supervisor can publish a flow version over REST',
  },
  {
    id: 'supervisor-rolls-back-flows',
    file: 'engine/transports/http/access-table.ts',
    find: "'POST /api/flows/versions/:version/activate': 'admin',",
    replace: "'POST /api/flows/versions/:version/activate': 'supervisor',",
    suites: ['test/integration/flow-versions.test.ts'],
    bug: 'a supervisor can activate (roll back to) another flow version over REST',
  },
  {
    id: 'access-token-expiry-on-wall-clock',
    file: 'engine/services/auth/access-token.ts',
    find: '        currentDate: new Date(nowMs),\n',
    replace: '',
    suites: ['test/unit/auth-tokens.test.ts'],
    bug: "an access token's expiry is checked against the machine's clock rather than the engine's",
  },
  {
    id: 'throttle-one-guess-more',
    file: 'engine/services/auth/login-throttle.ts',
    find: 'if (failures >= this.options.maxFailures) {',
    replace: 'if (failures > this.options.maxFailures) {',
    suites: ['test/integration/login-throttle.test.ts'],
    bug: 'a password guesser gets one more try per round than BATON_LOGIN_MAX_FAILURES',
  },
  {
    id: 'legacy-hash-accepts-anything',
    file: 'engine/services/auth/password.ts',
    find: "if (stored.startsWith('scrypt$')) return verifyLegacyScrypt(password, stored);",
    replace: "if (stored.startsWith('scrypt$')) return true;",
    suites: ['test/unit/auth-tokens.test.ts'],
    bug: 'an operator whose password hash predates argon2 can be signed in with any password',
  },
];
