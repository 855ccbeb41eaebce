/**
 * Roles and presence in the studio's words, asked at each render (msg() answers in the language of the
 * moment). The engine's codes stay in data attributes and requests.
 */
import { msg } from '@lit/localize';
import type { OperatorDto, Role } from '../../../engine/contracts/rest.ts';

/** "admin", as it reads after a name ("Malee · supervisor") and in the Team table */
export const roleLabel = (role: Role): string =>
  ({
    admin: msg('admin', { desc: 'a role, in running text' }),
    supervisor: msg('supervisor', { desc: 'a role, in running text' }),
    operator: msg('operator', { desc: 'a role, in running text' }),
  })[role];

/** "Admin", as a heading or a choice */
export const roleTitle = (role: Role): string => ({ admin: msg('Admin'), supervisor: msg('Supervisor'), operator: msg('Operator') })[role];

export const presenceLabel = (presence: OperatorDto['presence']): string =>
  ({ available: msg('Available'), away: msg('Away'), offline: msg('Offline') })[presence];
