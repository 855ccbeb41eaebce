import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { issueToken, verifyToken } from '../../engine/services/auth/access-token.ts';
import { hashPassword, verifyPassword } from '../../engine/services/auth/password.ts';

const secret = 'a-secret-that-is-long-enough-for-hmac';
const claims = { sub: 'op-1', name: 'Nok', role: 'operator', exp: 2_000_000_000 };

test('a token verifies with its key until it expires', () => {
  const token = issueToken(claims, secret);
  assert.equal(verifyToken(token, secret, 1_900_000_000_000), claims);
  assert.is(verifyToken(token, secret, 2_000_000_000_000), null, 'expired at exp');
});

test('a token signed with another key, tampered claims or junk is refused', () => {
  const token = issueToken(claims, secret);
  assert.is(verifyToken(token, 'another-secret-that-is-long-enough', 0), null);
  const [, signature] = token.split('.');
  const forged = `${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${signature}`;
  assert.is(verifyToken(forged, secret, 0), null);
  assert.is(verifyToken('junk', secret, 0), null);
  assert.is(verifyToken(`${token}.extra`, secret, 0), null);
});

test('a password verifies against its scrypt hash and nothing else', async () => {
  const hash = await hashPassword('correct horse');
  assert.match(hash, /^scrypt\$16384\$8\$1\$/);
  assert.ok(await verifyPassword('correct horse', hash));
  assert.not.ok(await verifyPassword('correct horse!', hash));
  assert.not.ok(await verifyPassword('correct horse', 'plain-text'));
  assert.is.not(await hashPassword('correct horse'), hash, 'a fresh salt each time');
});

test.run();
