import { expect, test } from '@playwright/test';
import { accessible, call, community, run, signedIn } from './platform';

test('a newcomer signs in, finds a coffee community by searching 咖啡, joins and posts; another member sees it live', async ({ browser, page }) => {
  const owner = `owner-${run}`;
  const newcomer = `newbie-${run}`;
  const member = `member-${run}`;
  const name = `咖啡 同好会 ${run}`;
  // A city of this run only, so explore's trending list for it holds this run's posts alone.
  const city = `杭州${run}`;
  const c = await community(owner, name, { city });
  await call(member, 'POST', `/api/communities/${c.id}/members`, {});

  // The other member watches their home feed.
  const other = await signedIn(browser, member);
  const watcher = await other.newPage();
  const streaming = watcher.waitForRequest((r) => r.url().includes('/api/feeds/me/stream'));
  await watcher.goto('/');
  await expect(watcher.getByRole('heading', { name: '首页动态' })).toBeVisible();
  await streaming;

  // The newcomer signs in with the development sign-in.
  await page.goto('/');
  await accessible(page, 'sign-in');
  await page.getByLabel('用户名').fill(newcomer);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '首页动态' })).toBeVisible();
  await accessible(page, 'home feed');

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '发现' }).click();
  await page.getByRole('searchbox', { name: '搜索圈子' }).fill('咖啡');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('link', { name: new RegExp(name) }).first().click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await accessible(page, 'community');

  await page.getByRole('button', { name: '加入' }).click();
  await expect(page.getByText('已加入（成员）')).toBeVisible();

  await page.getByRole('link', { name: '发帖' }).click();
  const text = `今天的手冲很好喝 #手冲 ${run}`;
  await page.getByLabel('内容').fill(text);
  await expect(page.getByText('#手冲', { exact: true })).toBeVisible();
  await accessible(page, 'composer');
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText(text)).toBeVisible();

  // It arrives on the other member's screen without a reload.
  await watcher.getByRole('button', { name: /有 \d+ 条新动态/ }).click();
  await expect(watcher.getByText(text)).toBeVisible();

  // A comment and a like from the other member, on the post's page.
  await watcher.getByText(text).locator('xpath=ancestor::article').getByRole('link', { name: '评论' }).click();
  await watcher.getByLabel('写评论').fill('看起来不错！');
  await watcher.getByRole('button', { name: '发送' }).click();
  await expect(watcher.getByText('看起来不错！')).toBeVisible();
  await watcher.getByRole('button', { name: /赞/ }).click();
  await expect(watcher.getByRole('button', { name: /赞 1/ })).toBeVisible();
  await accessible(watcher, 'post');
  await other.close();

  // The liked and commented post trends: discover's explore for that city shows it.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '发现' }).click();
  await expect(async () => {
    await page.reload();
    await page.getByLabel('城市').fill(city);
    await page.getByLabel('城市').press('Tab');
    await page.getByRole('tab', { name: '热门' }).click();
    await expect(page.getByRole('region', { name: '热门' }).getByText(text)).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
  await accessible(page, 'discover explore');
});

test('user text is shown as text, never as markup', async ({ browser }) => {
  const owner = `owner-x-${run}`;
  const c = await community(owner, `标记 测试 ${run}`, { description: '<img src=x onerror="window.__pwned=1">' });
  await call(owner, 'POST', `/api/communities/${c.id}/posts`, { text: '<script>window.__pwned=1</script><b>bold</b>', media: [] });
  const context = await signedIn(browser, owner);
  const page = await context.newPage();
  await page.goto(`/c/${c.id}`);
  await expect(page.getByText('<script>window.__pwned=1</script><b>bold</b>')).toBeVisible();
  await page.getByRole('tab', { name: '简介' }).click();
  await expect(page.getByText('<img src=x onerror="window.__pwned=1">')).toBeVisible();
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(await page.locator('main b, main img[src="x"]').count()).toBe(0);
  await context.close();
});

test('the language switch turns every screen to English and back', async ({ browser }) => {
  const user = `lang-${run}`;
  const context = await signedIn(browser, user);
  const page = await context.newPage();
  await page.goto('/discover');
  await expect(page.getByRole('heading', { name: '发现' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Discover' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await accessible(page, 'discover (en)');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '发现' })).toBeVisible();
  await context.close();
});

test('a failed call is told in words: an unknown community', async ({ browser }) => {
  const context = await signedIn(browser, `lost-${run}`);
  const page = await context.newPage();
  await page.goto('/c/no-such-community');
  await expect(page.getByRole('alert')).toContainText('找不到该内容');
  await context.close();
});
