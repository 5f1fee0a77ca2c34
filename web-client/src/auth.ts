// Who is signed in. Local runs sign in through the gateway's development endpoint (the key ./circles token uses);
// production signs in with OpenID Connect, authorization code + PKCE. The token lives in sessionStorage for the tab's
// life and travels only in the Authorization header: never in a URL, never logged.
import { store } from './state';

export interface Session {
  token: string;
  user: string;
  admin: boolean;
  expiresAt: number;
}

export interface AuthConfig {
  mode: 'dev' | 'oidc' | 'token' | 'none';
  issuer?: string;
  clientId?: string;
  scope?: string;
}

const KEY = 'circles.session';

function restore(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export const session = store<Session | null>(restore());

function claims(token: string): Record<string, any> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json)));
}

export function signIn(token: string) {
  const c = claims(token);
  if (typeof c.sub !== 'string' || !c.sub) throw new Error('no subject in the token');
  const groups: string[] = Array.isArray(c.groups) ? c.groups : [];
  const s: Session = {
    token,
    user: String(c.sub),
    admin: groups.includes('platform-admin'),
    expiresAt: typeof c.exp === 'number' ? c.exp * 1000 : Date.now() + 3600_000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  session.set(s);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  session.set(null);
}

let config: Promise<AuthConfig> | null = null;

export function authConfig(): Promise<AuthConfig> {
  config ??= fetch('/auth-config.json', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : { mode: 'none' }))
    .catch(() => ({ mode: 'none' }));
  return config;
}

/** Development sign-in (local gateway only). */
export async function devSignIn(user: string, admin: boolean): Promise<void> {
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, admin }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${res.status}`);
  signIn(body.token);
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function discovery(issuer: string) {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`OpenID discovery failed: HTTP ${res.status}`);
  return (await res.json()) as { authorization_endpoint: string; token_endpoint: string };
}

/** Starts the OpenID Connect code flow with PKCE: the verifier stays in this tab's sessionStorage. */
export async function oidcSignIn(cfg: AuthConfig): Promise<void> {
  const meta = await discovery(cfg.issuer!);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem('circles.pkce', JSON.stringify({ verifier, state }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId!,
    redirect_uri: `${location.origin}/auth/callback`,
    scope: cfg.scope ?? 'openid profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
}

/** Finishes the code flow on /auth/callback, then drops the code from the address bar. */
export async function oidcCallback(cfg: AuthConfig): Promise<void> {
  const params = new URLSearchParams(location.search);
  history.replaceState(null, '', '/');
  const saved = JSON.parse(sessionStorage.getItem('circles.pkce') ?? 'null');
  sessionStorage.removeItem('circles.pkce');
  if (!saved || params.get('state') !== saved.state || !params.get('code')) throw new Error('sign-in was interrupted');
  const meta = await discovery(cfg.issuer!);
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code')!,
      redirect_uri: `${location.origin}/auth/callback`,
      client_id: cfg.clientId!,
      code_verifier: saved.verifier,
    }),
  });
  if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status}`);
  const body = await res.json();
  signIn(body.access_token);
}
