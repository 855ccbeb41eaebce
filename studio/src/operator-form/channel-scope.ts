import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { ChannelView } from '../../../engine/contracts/channels.ts';

/** the form fields this part adds: a radio choice and one checkbox per channel */
export const CHANNEL_SCOPE_FIELD = 'channelScope';
export const CHANNEL_FIELD = 'channel';
export const ChannelScope = { ALL: 'all', CHOSEN: 'chosen' } as const;
export type ChannelScope = (typeof ChannelScope)[keyof typeof ChannelScope];

/**
 * Which LINE channels an operator works (docs/channels.md): all of them (and any added later), or a chosen
 * list; shown in the operator form only when there is more than one channel to choose from.
 */
export function renderChannelScope(channels: readonly ChannelView[], scope: ChannelScope, chosen: readonly string[] | null, onScope: (scope: ChannelScope) => void) {
  if (channels.length < 2) return nothing;
  const radio = (value: ChannelScope, label: string) =>
    html`<label
      ><input type="radio" name=${CHANNEL_SCOPE_FIELD} value=${value} .checked=${scope === value} data-testid="channel-scope-${value}" @change=${() => onScope(value)} />
      <span>${label}</span></label
    >`;
  return html`<fieldset class="wide" data-testid="field-channels">
    <legend>${msg('LINE accounts')}</legend>
    ${radio(ChannelScope.ALL, msg('All, including any added later'))} ${radio(ChannelScope.CHOSEN, msg('Only these:'))}
    ${scope === ChannelScope.CHOSEN
      ? html`<div class="choices">
          ${channels.map(
            (c) =>
              html`<label
                ><input type="checkbox" name=${CHANNEL_FIELD} value=${c.id} ?checked=${chosen?.includes(c.id) ?? false} data-testid="channel-choice" data-channel-id=${c.id} />
                <span>${c.name} <span class="hint">${c.id}</span></span></label
              >`,
          )}
        </div>`
      : nothing}
  </fieldset>`;
}

/** what the form's fields say: null for every channel, else the ids ticked (possibly none) */
export function channelsFromForm(data: FormData): string[] | null {
  if (data.get(CHANNEL_SCOPE_FIELD) !== ChannelScope.CHOSEN) return null;
  return data.getAll(CHANNEL_FIELD).map(String);
}

/** an operator's channels as the engine sends them and as the form compares them: order does not matter */
export const sameChannels = (a: readonly string[] | null, b: readonly string[] | null): boolean =>
  a === null || b === null ? a === b : [...a].sort().join('\n') === [...b].sort().join('\n');
