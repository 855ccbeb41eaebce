/**
 * Channel secrets at rest (services/channels/secret-box.ts): AES-256-GCM, sealed to their channel and field;
 * while the key is rotated, values sealed with the previous key open and say what to store instead.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../engine/config.ts';
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

test('rotating: a value sealed with the previous key opens and is sealed again with the current one; nothing else changes', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const sealedOld = new SecretBox(oldKey).seal(TOKEN, 'channel:b:access_token');
  const rotating = new SecretBox(newKey, oldKey);
  assert.is(rotating.open(sealedOld, 'channel:b:access_token'), TOKEN);
  const resealed = rotating.resealed(sealedOld, 'channel:b:access_token');
  assert.ok(resealed);
  assert.is(new SecretBox(newKey).open(resealed, 'channel:b:access_token'), TOKEN, 'opens with the new key alone');
  assert.is(rotating.resealed(resealed, 'channel:b:access_token'), null, 'sealed with the current key: nothing to do');
  assert.is(new SecretBox(newKey).resealed(sealedOld, 'channel:b:access_token'), null, 'no previous key: nothing to do');
  assert.throws(() => rotating.open(sealedOld, 'channel:c:access_token'), (error: unknown) => error instanceof SecretBoxError, 'still bound to its context');
  assert.throws(() => rotating.resealed(new SecretBox(randomBytes(32)).seal(TOKEN, 'channel:b:access_token'), 'channel:b:access_token'), (error: unknown) => error instanceof SecretBoxError, 'a third key');
});

test('BATON_PREVIOUS_ENCRYPTION_KEY needs BATON_ENCRYPTION_KEY beside it, and another key', () => {
  const key = randomBytes(32).toString('hex');
  const refused = (env: Record<string, string>) => {
    try {
      loadConfig(env, '/tmp');
    } catch (error) {
      assert.instance(error, ConfigError);
      return (error as ConfigError).message;
    }
    throw new Error('accepted');
  };
  assert.match(refused({ BATON_PREVIOUS_ENCRYPTION_KEY: key }), 'set BATON_ENCRYPTION_KEY to the new key');
  assert.match(refused({ BATON_ENCRYPTION_KEY: key, BATON_PREVIOUS_ENCRYPTION_KEY: key }), 'the same key');
  assert.match(refused({ BATON_ENCRYPTION_KEY: key, BATON_PREVIOUS_ENCRYPTION_KEY: 'short' }), 'BATON_PREVIOUS_ENCRYPTION_KEY: expected 32 bytes');
  const previous = randomBytes(32);
  assert.equal(loadConfig({ BATON_ENCRYPTION_KEY: key, BATON_PREVIOUS_ENCRYPTION_KEY: previous.toString('base64') }, '/tmp').previousEncryptionKey, previous);
});

test.run();
