/**
 * What a channel's sealed secret and access token are bound to (SecretBox's context): a value copied to
 * another channel, or from the secret to the token, does not open. ChannelsService seals with these and
 * ChannelRegistry opens with them.
 */
export const channelSecretContext = (channelId: string): string => `channel:${channelId}:secret`;
export const channelTokenContext = (channelId: string): string => `channel:${channelId}:access_token`;
