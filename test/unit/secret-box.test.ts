/** Channel secrets at rest (services/channels/secret-box.ts): AES-256-GCM, sealed to their channel and field. */
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SecretBox, SecretBoxError } from '../../engine/services/channels/secret-box.ts';

const box = new SecretBox(randomBytes(32));
const TOKEN = 'a-channel-access-token-of-170-characters';

test('a sealed value opens with the same key and context, and says nothing of the plain text', () => {
  const sealed = box.seal(TOKEN, 'channel:b:access_token');
  assert.is(box.open(sealed, 'channel:b:access_token'), TOKEN);
  assert.not.ok(sealed.includes(TOKEN));
  assert.not.ok(sealed.includes(Buffer.from(TOKEN).toString('base64url')));
  assert.is.not(box.seal(TOKEN, 'channel:b:access_token'), sealed, 'a fresh nonce each time');
});

test('another channel or field, another key, or one altered character: it does not open', () => {
  const sealed = box.seal(TOKEN, 'channel:b:access_token');
  assert.throws(() => box.open(sealed, 'channel:c:access_token'), (error: unknown) => error instanceof SecretBoxError);
  assert.throws(() => box.open(sealed, 'channel:b:secret'), (error: unknown) => error instanceof SecretBoxError);
  assert.throws(() => new SecretBox(randomBytes(32)).open(sealed, 'channel:b:access_token'), (error: unknown) => error instanceof SecretBoxError);
  // the ciphertext's first character: all six of its bits are data (the last character of a base64 part may
  // carry unused bits, so changing that one could leave the bytes as they were: the test failed now and then)
  const at = sealed.lastIndexOf('.') + 1;
  const altered = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
  assert.throws(() => box.open(altered, 'channel:b:access_token'), (error: unknown) => error instanceof SecretBoxError);
  assert.throws(() => box.open('plain text', 'channel:b:access_token'), (error: unknown) => error instanceof SecretBoxError);
});

test.run();
