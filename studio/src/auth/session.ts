import type { LoginResponse, OperatorDto } from '../../../engine/contracts/rest.ts';

const TOKEN_KEY = 'baton.accessToken';

/**
 * Who is signed in. The token survives a reload (localStorage); the operator is re-read from
 * `GET /api/me` so a stale copy never outlives its token.
 *
 * @event change - the token or the operator changed
 */
export class Session extends EventTarget {
  #token: string | null = readToken();
  #operator: OperatorDto | null = null;

  get token(): string | null {
    return this.#token;
  }

  get operator(): OperatorDto | null {
    return this.#operator;
  }

  signIn(response: LoginResponse): void {
    this.#token = response.accessToken;
    this.#operator = response.operator;
    writeToken(response.accessToken);
    this.dispatchEvent(new Event('change'));
  }

  setOperator(operator: OperatorDto): void {
    this.#operator = operator;
    this.dispatchEvent(new Event('change'));
  }

  signOut(): void {
    if (this.#token === null && this.#operator === null) return;
    this.#token = null;
    this.#operator = null;
    writeToken(null);
    this.dispatchEvent(new Event('change'));
  }
}

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // storage may be disabled (private mode); the session then lasts for this page only
  }
}

export const session = new Session();
