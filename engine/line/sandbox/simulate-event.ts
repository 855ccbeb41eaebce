import type { webhook } from '@line/bot-sdk';
import type { SimulatedEventRequest } from '../../contracts/sandbox.ts';
import type { FakeLinePlatform } from './fake-line-platform.ts';
import { SAMPLE_PNG } from './message-contents.ts';

const SAMPLE_PLACE = { title: 'Lumphini Park', address: 'Rama IV Rd, Pathum Wan, Bangkok', latitude: 13.7314, longitude: 100.5414 };

/**
 * Turns what the studio's customer simulator asks for into a LINE webhook event. A follow gives
 * the user a profile first, as every real LINE friend has one, so the engine's getProfile works.
 */
export function simulateEvent(line: FakeLinePlatform, userId: string, request: SimulatedEventRequest): webhook.Event {
  switch (request.type) {
    case 'follow':
      line.setProfile(userId, {
        displayName: request.displayName ?? `Sandbox user ${userId.slice(-4)}`,
        ...(request.language ? { language: request.language } : {}),
      });
      return line.followEvent(userId);
    case 'unfollow':
      return line.unfollowEvent(userId);
    case 'text':
      return line.textEvent(userId, request.text);
    case 'postback':
      return line.postbackEvent(userId, request.data, request.displayText ? { displayText: request.displayText } : {});
    case 'sticker':
      return line.stickerEvent(userId, request.packageId, request.stickerId);
    case 'image':
      return line.mediaEvent(userId, 'image', { data: SAMPLE_PNG, contentType: 'image/png' });
    case 'location':
      return line.locationEvent(userId, SAMPLE_PLACE);
  }
}
