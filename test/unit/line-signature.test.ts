import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signLineBody, verifyLineSignature } from '../../engine/line/signature.ts';

const secret = 'channel-secret-for-tests';
const rawBody = '{"destination":"Uabc","events":[{"type":"message","message":{"type":"text","text":"สวัสดี"}}]}';

test('a signature made with the channel secret over the raw body is accepted', () => {
  const signature = signLineBody(rawBody, secret);
  assert.ok(verifyLineSignature(rawBody, secret, signature));
  assert.ok(verifyLineSignature(Buffer.from(rawBody, 'utf8'), secret, signature), 'Buffer and string bodies agree');
});

test('a signature made with another secret is refused', () => {
  assert.not.ok(verifyLineSignature(rawBody, secret, signLineBody(rawBody, 'another-secret')));
});

test('a missing or empty signature is refused', () => {
  assert.not.ok(verifyLineSignature(rawBody, secret, undefined));
  assert.not.ok(verifyLineSignature(rawBody, secret, ''));
});

test('garbage in the signature header is refused, not thrown', () => {
  assert.not.ok(verifyLineSignature(rawBody, secret, 'not base64 at all!!'));
});

test('changing one byte of the body after signing breaks the signature', () => {
  const signature = signLineBody(rawBody, secret);
  const tampered = Buffer.from(rawBody, 'utf8');
  tampered[10] = (tampered[10] ?? 0) ^ 0x01;
  assert.not.ok(verifyLineSignature(tampered, secret, signature));
});

test('the signature of re-serialised JSON differs from the one over the raw bytes', () => {
  const spaced = '{ "destination": "Uabc", "events": [] }';
  const reserialised = JSON.stringify(JSON.parse(spaced));
  assert.is.not(reserialised, spaced);
  assert.is.not(signLineBody(reserialised, secret), signLineBody(spaced, secret));
  assert.not.ok(verifyLineSignature(reserialised, secret, signLineBody(spaced, secret)));
});

test.run();
