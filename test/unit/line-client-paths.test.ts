/**
 * An id the LINE client puts into a URL path stays one path segment, whatever it holds: the SDK
 * inserts it as it is, and "../" in a user id would otherwise call another LINE endpoint. The edge
 * refuses such ids first (webhook-hostile-input.test.ts); this is the second line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLineClient } from '../../engine/line/line-client.ts';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';

test('getProfile with a path in the user id asks for that one odd profile, not another endpoint', async () => {
  const fake = new FakeLinePlatform({ channelAccessToken: 'T' });
  const baseUrl = await fake.listen();
  try {
    const line = createLineClient({ channelAccessToken: 'T', apiBaseUrl: baseUrl, dataApiBaseUrl: baseUrl });
    assert.is(await line.getProfile('U1/../../message/quota?x=1#y'), null, 'no such user');
    assert.equal(
      fake.calls.map((call) => call.path),
      ['/v2/bot/profile/U1%2F..%2F..%2Fmessage%2Fquota%3Fx%3D1%23y'],
    );
  } finally {
    await fake.close();
  }
});

test.run();
