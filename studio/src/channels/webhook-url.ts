/**
 * The address to paste into the LINE Developers console for a channel: this studio's origin (the engine
 * serves both) and the channel's webhook path.
 */
export const webhookUrl = (webhookPath: string): string => new URL(webhookPath, location.origin).href;
