import { ApiRequestError, describeError } from '../api/api-error.ts';
import type { FieldError } from './channel-form-field.ts';

/** the fields of the channel forms an engine refusal can point at */
export const ChannelField = {
  ID: 'id',
  NAME: 'name',
  CHANNEL_SECRET: 'channelSecret',
  CHANNEL_ACCESS_TOKEN: 'channelAccessToken',
} as const;
export type ChannelField = (typeof ChannelField)[keyof typeof ChannelField];

const FIELDS: readonly ChannelField[] = Object.values(ChannelField);

/** refusals whose code alone says which field is wrong */
const FIELD_OF_CODE: Readonly<Record<string, ChannelField>> = {
  channel_exists: ChannelField.ID,
  line_token_refused: ChannelField.CHANNEL_ACCESS_TOKEN,
};

/**
 * Where the engine's refusal names a field: its code (above), the schema check's "… at /channelSecret" or
 * "must have required property 'id'", or the service's "channelAccessToken: LINE refused …".
 */
const NAMED_FIELD = [/ at \/(\w+)/, /required property '(\w+)'/, /^(\w+): /];

/**
 * A refusal of POST or PATCH /api/channels, placed where the form shows it: at the field it is about, or
 * (field null) over the whole form, e.g. 409 when the engine has no BATON_ENCRYPTION_KEY. At a field the
 * engine's words lose the field's name they start with, which the label already says.
 */
export function channelFieldError(error: unknown): FieldError {
  const message = describeError(error);
  if (!(error instanceof ApiRequestError)) return { field: null, message };
  const named = NAMED_FIELD.map((pattern) => pattern.exec(error.message)?.[1]);
  const field = FIELD_OF_CODE[error.code] ?? FIELDS.find((f) => named.includes(f)) ?? null;
  return { field, message: field === null ? message : message.replace(new RegExp(`^${field}: `), '') };
}
