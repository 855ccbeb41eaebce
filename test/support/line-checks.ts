/**
 * What the LINE fault tests read from the fake LINE platform: each customer's phone, and the two
 * promises Baton makes whatever LINE does: a reply token is tried at most once, and no customer is
 * shown the same message twice (a retried push carries its retry key).
 */
import type { FakeLinePlatform, RecordedCall } from '../../engine/line/sandbox/fake-line-platform.ts';

export const REPLY = '/v2/bot/message/reply';
export const PUSH = '/v2/bot/message/push';

/** `count` LINE user ids (U + 32 hex digits), distinct per `series` */
export function lineUsers(series: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `U${series.toString(16).padStart(8, '0')}${i.toString(16).padStart(24, '0')}`);
}

/** what the customer's phone shows from the account, oldest first */
export function accountMessages(fake: FakeLinePlatform, user: string): { text: string; via: 'reply' | 'push' | null }[] {
  return fake.chat(user).filter((entry) => entry.from === 'account').map((entry) => ({ text: entry.message.text ?? '', via: entry.via }));
}

export const accountTexts = (fake: FakeLinePlatform, user: string): string[] => accountMessages(fake, user).map((m) => m.text);

const bodyOf = (call: RecordedCall): { replyToken?: unknown; to?: unknown } => (typeof call.body === 'object' && call.body !== null ? call.body : {});

export function pushesTo(fake: FakeLinePlatform, user: string): RecordedCall[] {
  return fake.callsTo(PUSH).filter((call) => bodyOf(call).to === user);
}

/** reply tokens Baton sent to LINE more than once (whatever LINE answered) */
export function tokensTriedTwice(fake: FakeLinePlatform): string[] {
  const seen = new Map<string, number>();
  for (const call of fake.callsTo(REPLY)) {
    const token = bodyOf(call).replyToken;
    if (typeof token === 'string') seen.set(token, (seen.get(token) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([token]) => token);
}

/** retry keys LINE accepted more than once (the fake answers a repeat 409; this checks it never had to accept twice) */
export function keysAcceptedTwice(fake: FakeLinePlatform): string[] {
  const accepted = new Map<string, number>();
  for (const call of fake.callsTo(PUSH)) {
    const key = call.headers['x-line-retry-key'];
    if (call.status === 200 && key !== undefined) accepted.set(key, (accepted.get(key) ?? 0) + 1);
  }
  return [...accepted].filter(([, count]) => count > 1).map(([key]) => key);
}

/**
 * users whose phone shows one of the account's texts more than once (each is said once in these tests;
 * a queue position may rightly be told again, when the queue moved back in between)
 */
export function usersWithDuplicates(fake: FakeLinePlatform, users: readonly string[]): string[] {
  return users.filter((user) => {
    const texts = accountTexts(fake, user).filter((text) => !text.startsWith('You are number'));
    return new Set(texts).size !== texts.length;
  });
}
