/** Security settings an admin changes in the studio (Team page), kept in the settings table. */
import { ROLES, type Role, type SecuritySettingsDto } from '../../contracts/rest.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import type { Store } from '../../store/store.ts';

const KEY = 'security';
const DEFAULTS: SecuritySettingsDto = { requireMfaFor: [] };

export class SecuritySettings {
  constructor(private readonly store: Store) {}

  async get(): Promise<SecuritySettingsDto> {
    const parsed = parseJson<Partial<SecuritySettingsDto>>(await this.store.settings.get(KEY), DEFAULTS);
    return { requireMfaFor: (parsed.requireMfaFor ?? []).filter((role): role is Role => ROLES.some((r) => r === role)) };
  }

  async set(settings: SecuritySettingsDto): Promise<SecuritySettingsDto> {
    const clean: SecuritySettingsDto = { requireMfaFor: ROLES.filter((role) => settings.requireMfaFor.includes(role)) };
    await this.store.settings.set(KEY, JSON.stringify(clean));
    return clean;
  }

  async mfaRequiredFor(role: Role): Promise<boolean> {
    return (await this.get()).requireMfaFor.includes(role);
  }
}
