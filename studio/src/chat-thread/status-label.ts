import { msg } from '@lit/localize';
import type { ConversationStatus } from '../../../engine/contracts/conversation.ts';

/** a conversation's status as its badge reads ("active"), asked at each render: it follows the language */
export const statusLabel = (status: ConversationStatus): string =>
  ({
    WAITING: msg('waiting', { desc: "a conversation's status, on its badge" }),
    ACTIVE: msg('active', { desc: "a conversation's status, on its badge" }),
    CLOSED: msg('closed', { desc: "a conversation's status, on its badge" }),
  })[status];
