/** Access tokens (JWT), refresh tokens, password hashes, TOTP and recovery codes, each on its own. */
import { scryptSync, randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AccessTokens } from '../../engine/services/auth/access-token.ts';
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret } from '../../engine/services/auth/mfa.ts';
import { hashPassword, needsRehash, verifyPassword } from '../../engine/services/auth/password.ts';
import { hashToken, newRefreshToken, refreshTokenSession } from '../../engine/services/auth/refresh-token.ts';

const secret = 'a-secret-that-is-long-enough-for-hmac-sha256';
const t0 = 1_900_000_000_000;

test('an access token is a JWT naming the operator and the session, valid until it expires', async () => {
  const tokens = new AccessTokens(secret, 900);
  const { token, expiresAt } = await tokens.issue('op-1', 'session-1', t0);
  assert.is(token.split('.').length, 3);
  assert.is(expiresAt, t0 + 900_000);
  const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { alg: string };
  assert.is(header.alg, 'HS256');
  assert.equal(await tokens.verify(token, t0 + 899_000), { sub: 'op-1', sid: 'session-1', exp: (t0 + 900_000) / 1000 });
  assert.is(await tokens.verify(token, t0 + 900_000), null, 'expired at exp');
});

test('a token signed with another key, with tampered claims, alg none, or junk is refused', async () => {
  const tokens = new AccessTokens(secret, 900);
  const { token } = await tokens.issue('op-1', 'session-1', t0);
  assert.is(await new AccessTokens('another-secret-that-is-long-enough-too', 900).verify(token, t0), null);
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'op-admin' })).toString('base64url');
  assert.is(await tokens.verify(`${header}.${forged}.${signature}`, t0), null);
  const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  assert.is(await tokens.verify(`${none}.${payload}.`, t0), null);
  assert.is(await tokens.verify('junk', t0), null);
});

test('a refresh token names its session and is stored only as a hash', () => {
  const token = newRefreshToken('0b9f5c3e-8a41-4c2e-9d7a-1f2e3d4c5b6a');
  assert.is(refreshTokenSession(token), '0b9f5c3e-8a41-4c2e-9d7a-1f2e3d4c5b6a');
  assert.is.not(newRefreshToken('0b9f5c3e-8a41-4c2e-9d7a-1f2e3d4c5b6a'), token, 'random each time');
  assert.match(hashToken(token), /^[0-9a-f]{64}$/);
  assert.is(refreshTokenSession('not-a-token'), null);
  assert.is(refreshTokenSession(`../../etc.${'a'.repeat(43)}`), null);
});

test('passwords hash with argon2id at OWASP parameters and verify against nothing else', async () => {
  const hash = await hashPassword('correct horse');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.ok(await verifyPassword('correct horse', hash));
  assert.not.ok(await verifyPassword('correct horse!', hash));
  assert.not.ok(await verifyPassword('correct horse', 'plain-text'));
  assert.is.not(await hashPassword('correct horse'), hash, 'a fresh salt each time');
  assert.not.ok(needsRehash(hash));
});

test('a hash of the earlier scrypt scheme still verifies and is marked for rehashing', async () => {
  const salt = randomBytes(16);
  const key = scryptSync('old password', salt, 32, { N: 16384, r: 8, p: 1 });
  const legacy = ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
  assert.ok(await verifyPassword('old password', legacy));
  assert.not.ok(await verifyPassword('other password', legacy));
  assert.ok(needsRehash(legacy));
});

test('a TOTP code from the secret is accepted within a step of drift, and names its time step', async () => {
  const totp = newTotpSecret();
  const epoch = Math.floor(t0 / 1000);
  const code = await generate({ secret: totp, epoch });
  const step = await checkTotp(totp, code, t0);
  assert.is(step, Math.floor(epoch / 30));
  assert.is(await checkTotp(totp, code, t0 + 30_000), step, 'the phone a step behind');
  assert.is(await checkTotp(totp, code, t0 + 95_000), null, 'three steps later');
  assert.is(await checkTotp(totp, '12345', t0), null, 'not six digits');
  assert.is(await checkTotp(newTotpSecret(), code, t0), null, 'another secret');
});

test('ten recovery codes, different, hashed the same however they are typed', () => {
  const { codes, hashes } = newRecoveryCodes();
  assert.is(codes.length, 10);
  assert.is(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}$/);
  const first = codes[0] ?? '';
  assert.is(hashRecoveryCode(` ${first.toUpperCase()} `), hashes[0]);
});

test.run();
