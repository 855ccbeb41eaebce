/** A message's content as the fake's data API serves it. */
export interface FakeContent {
  data: Buffer;
  contentType: string;
}

/**
 * The content of the media messages users sent (images, video, audio, files), by LINE message id, for
 * GET /v2/bot/message/{messageId}/content. LINE keeps content only for a while: `expire` forgets one, and
 * the data API then answers 404, as LINE does for content it no longer has (or never had).
 */
export class MessageContents {
  private readonly contents = new Map<string, FakeContent>();

  keep(messageId: string, content: FakeContent): void {
    this.contents.set(messageId, content);
  }

  find(messageId: string): FakeContent | null {
    return this.contents.get(messageId) ?? null;
  }

  expire(messageId: string): void {
    this.contents.delete(messageId);
  }
}

/** A 1x1 red PNG: the simulator's "image" and a test's default. */
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
