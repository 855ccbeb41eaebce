/**
 * REST contract of LINE channels (several Official Accounts, docs/channels.md), shared with the studio
 * (type-only imports, plus DEFAULT_CHANNEL_ID). A channel's secret and access token go in, never out.
 */

export interface ChannelView {
  /** a slug, [a-z0-9-]{1,32}; `default` is the channel configured in the environment */
  id: string;
  name: string;
  avatarUrl: string | null;
  isDefault: boolean;
  /** path LINE must call: '/webhooks/line' for the default, '/webhooks/line/<id>' for the others */
  webhookPath: string;
  /** group and room chats may be handed to operators (false: the bot alone answers in groups) */
  groupHandoff: boolean;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
  /** the default channel's credentials come from the environment and cannot be edited here */
  credentialsFromEnvironment: boolean;
}

/** GET /api/channels: the channels the caller may see (an operator limited to channels sees only those) */
export interface ChannelListResponse {
  channels: ChannelView[];
}

/**
 * POST /api/channels (admin). Baton asks LINE for the bot's info with the token first (a refused token: 400
 * line_token_refused) and takes the name and avatar from it when they are not given. Needs
 * BATON_ENCRYPTION_KEY (409 without it).
 */
export interface CreateChannelRequest {
  id: string;
  name?: string;
  avatarUrl?: string | null;
  channelSecret: string;
  channelAccessToken: string;
  groupHandoff?: boolean;
}

/** PATCH /api/channels/:id (admin); the default channel's secret and token live in the environment (400) */
export interface UpdateChannelRequest {
  name?: string;
  avatarUrl?: string | null;
  channelSecret?: string;
  channelAccessToken?: string;
  groupHandoff?: boolean;
}

/** 200 of GET /api/channels/:id, POST and PATCH */
export interface ChannelResponse {
  channel: ChannelView;
}

export const DEFAULT_CHANNEL_ID = 'default';
