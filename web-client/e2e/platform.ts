// What the journeys share: tokens from the gateway's development sign-in, API calls to set the scene, a signed-in
// browser context, and the accessibility check every visited screen must pass.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page, type APIRequestContext, request } from '@playwright/test';

export const gateway = process.env.CIRCLES_GATEWAY ?? 'http://localhost:8080';
export const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

let api: APIRequestContext | null = null;
async function client() {
  api ??= await request.newContext({ baseURL: gateway });
  return api;
}

const tokens = new Map<string, string>();
export async function token(user: string, admin = false): Promise<string> {
  const key = `${user}:${admin}`;
  if (!tokens.has(key)) {
    const r = await (await client()).post('/dev/token', { data: { user, admin } });
    expect(r.status(), await r.text()).toBe(200);
    tokens.set(key, (await r.json()).token);
  }
  return tokens.get(key)!;
}

/** Calls the API as user (a platform-admin when admin); fails the test with the problem when the status is not 2xx. */
export async function call<T = any>(user: string, method: string, path: string, data?: unknown, admin = false): Promise<T> {
  const r = await (await client()).fetch(path, {
    method, data, headers: { Authorization: `Bearer ${await token(user, admin)}` },
  });
  const text = await r.text();
  expect(r.ok(), `${method} ${path} → ${r.status()} ${text}`).toBeTruthy();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A browser context already signed in as user (the session the sign-in screen would store). */
export async function signedIn(browser: Browser, user: string, admin = false): Promise<BrowserContext> {
  const context = await browser.newContext();
  const t = await token(user, admin);
  await context.addInitScript(([tok, u, a]) => {
    if (!sessionStorage.getItem('circles.session')) {
      sessionStorage.setItem('circles.session', JSON.stringify({ token: tok, user: u, admin: a, expiresAt: Date.now() + 3600_000 }));
    }
  }, [t, user, admin] as const);
  return context;
}

/** No serious or critical accessibility violation on the screen as it is now. */
export async function accessible(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function community(owner: string, name: string, extra: Record<string, unknown> = {}) {
  return call<{ id: string; name: string }>(owner, 'POST', '/api/communities', {
    name, description: '咖啡 爱好者 的 小组', interests: ['coffee'], city: '杭州', location: { lat: 30.25, lon: 120.16 },
    visibility: 'PUBLIC', ...extra,
  });
}

/** A valid unified social credit code no other run uses (one merchant per licence). */
export function licence(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let first = '91330100';
  while (first.length < 17) first += alphabet[Math.floor(Math.random() * 31)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first[i]) * weights[i];
  return first + alphabet[(31 - (sum % 31)) % 31];
}
