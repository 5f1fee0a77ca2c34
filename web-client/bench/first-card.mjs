// The web client's first-load figures for ./circles bench (measured, not asserted):
//   - JavaScript the first load fetches, gzipped (every script index.html loads, and the chunks they import);
//   - time from navigation start to the first feed card rendered, p50/p99 over N loads, each in a fresh browser
//     context (an empty cache: a first visit), signed in as a user whose timeline is full.
//
//   node bench/first-card.mjs --gateway http://127.0.0.1:8080 --token-file FILE [--loads 50] [--dist target/dist]
// Prints "key value" lines: js_gzip_bytes, loads, first_card_p50_ms, first_card_p99_ms, first_card_max_ms.
import { chromium } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const gateway = arg('gateway', 'http://127.0.0.1:8080');
const token = readFileSync(arg('token-file'), 'utf8').trim();
const loads = Number(arg('loads', '50'));
const dist = arg('dist', new URL('../target/dist', import.meta.url).pathname);

// The app is one entry chunk (plus any it imports): every .js under assets is fetched by a first load.
const assets = join(dist, 'assets');
const jsGzip = readdirSync(assets).filter((f) => f.endsWith('.js'))
  .reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);

const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const times = [];
try {
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await context.addInitScript(([tok, user, exp]) => {
      sessionStorage.setItem('circles.session', JSON.stringify({ token: tok, user, admin: false, expiresAt: exp * 1000 }));
      // performance.now() counts from the navigation's start.
      new MutationObserver((_, observer) => {
        if (document.querySelector('article.feed')) {
          window.__firstCard = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, [token, claims.sub, claims.exp]);
    const page = await context.newPage();
    await page.goto(gateway + '/');
    await page.waitForSelector('article.feed', { timeout: 30_000 });
    times.push(await page.evaluate(() => window.__firstCard));
    await context.close();
  }
} finally {
  await browser.close();
}
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
console.log(`js_gzip_bytes ${jsGzip}`);
console.log(`loads ${times.length}`);
console.log(`first_card_p50_ms ${pct(50).toFixed(1)}`);
console.log(`first_card_p99_ms ${pct(99).toFixed(1)}`);
console.log(`first_card_max_ms ${times[times.length - 1].toFixed(1)}`);
