/**
 * Mutants at the edge, outside the stateful services but among the bugs the mutation audit of issue #17
 * planted: LINE's signature and the operators' socket.
 */
import type { Mutant } from '../mutant.ts';

export const edgeMutants: Mutant[] = [
  {
    id: 'unsigned-webhook-accepted',
    file: 'engine/line/signature.ts',
    find: 'if (!signature) return false;',
    replace: 'if (!signature) return true;',
    suites: ['test/integration/webhook-ingest.test.ts'],
    bug: 'anyone can post a webhook without a signature and speak as any customer',
  },
  {
    id: 'socket-without-session',
    file: 'engine/transports/realtime/socket-gateway.ts',
    find: "next(new SocketRefused(isUnreachable(error) ? 'unavailable' : 'unauthorized'));",
    replace: 'next(isUnreachable(error) ? new SocketRefused(\'unavailable\') : undefined);',
    suites: ['test/integration/operator-auth.test.ts'],
    bug: 'a socket without a valid token is let in and hears every waiting customer',
  },
];
