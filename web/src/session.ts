// The signed-in user's tokens, kept in localStorage so a reload (or another tab) stays signed in.
import { Store } from './store';
import type { User } from './types';

export interface Tokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user?: User;
}

export interface Session {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  user: User;
}

const KEY = 'vp.session';

function load(): Session | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}

export const session = new Store<Session | null>(load());

export function storeTokens(tokens: Tokens): void {
  const user = tokens.user ?? session.value?.user;
  if (!user) return;
  const next: Session = {
    accessToken: tokens.accessToken,
    accessExpiresAt: Date.parse(tokens.accessTokenExpiresAt),
    refreshToken: tokens.refreshToken,
    user,
  };
  localStorage.setItem(KEY, JSON.stringify(next));
  session.value = next;
}

export function signedOut(): void {
  localStorage.removeItem(KEY);
  session.value = null;
}

export const isAdmin = (s: Session | null) => !!s?.user.roles?.includes('ROLE_ADMIN');

window.addEventListener('storage', (event) => {
  if (event.key === KEY) session.value = load();
});
