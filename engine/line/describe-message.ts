import type { messagingApi, webhook } from '@line/bot-sdk';

/**
 * One line of text for the inbox and notifications, for a message either direction: the text
 * itself for text messages, a bracketed tag for everything else.
 *
 * @example describeLineMessage({ type: 'sticker', packageId: '446', stickerId: '1988' }) // '[sticker]'
 */
export function describeLineMessage(message: webhook.MessageContent | messagingApi.Message): string {
  // Read before the switch: LINE adds message types over time, and the default branch must
  // still say something for one this SDK version does not know.
  const type: string = message.type;
  switch (message.type) {
    case 'text':
    case 'textV2':
      return message.text;
    case 'sticker':
      return '[sticker]';
    case 'image':
      return '[image]';
    case 'video':
      return '[video]';
    case 'audio':
      return '[audio]';
    case 'file':
      return `[file: ${message.fileName}]`;
    case 'location':
      return `[location: ${describePlace(message)}]`;
    case 'flex':
    case 'template':
    case 'imagemap':
      return `[${message.type}: ${message.altText}]`;
    case 'coupon':
      return '[coupon]';
    default:
      return `[${type}]`;
  }
}

function describePlace(place: { title?: string; address?: string; latitude: number; longitude: number }): string {
  const named = [place.title, place.address].filter((part): part is string => Boolean(part && part.trim()));
  return named.length > 0 ? named.join(' / ') : `${place.latitude},${place.longitude}`;
}
