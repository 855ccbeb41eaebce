/**
 * Which inbound LINE messages carry content Baton fetches, and how much of it it keeps. The limits are
 * LINE's own for what a user can send (images are sent resized, well under 10 MB; a video or voice message
 * up to 200 MB; a file up to 300 MB in the LINE apps): anything larger is not what LINE sent, so it is
 * refused rather than filling the disk.
 */
import type { MediaKind } from '../../store/repositories/media.repo.ts';

const MB = 1024 * 1024;

export const MEDIA_SIZE_LIMITS: Readonly<Record<MediaKind, number>> = {
  image: 10 * MB,
  video: 200 * MB,
  audio: 200 * MB,
  file: 300 * MB,
};

/**
 * The kind of content a stored inbound message has to fetch, or null: not a media message, or an
 * image/video/audio whose content lives at the sender's own server (`contentProvider.type: external`,
 * LINE's content API does not have it, and Baton fetches no URL a customer's side chose).
 */
export function mediaKindOf(type: string, payload: unknown): MediaKind | null {
  if (type === 'file') return 'file';
  if (type !== 'image' && type !== 'video' && type !== 'audio') return null;
  const provider: unknown = typeof payload === 'object' && payload !== null ? Reflect.get(payload, 'contentProvider') : undefined;
  const providerType: unknown = typeof provider === 'object' && provider !== null ? Reflect.get(provider, 'type') : 'line';
  return providerType === 'line' ? type : null;
}
