import { expect, test } from '@playwright/test';
import { accessible, call, community, licence, run, signedIn } from './platform';

test('a merchant onboards (the licence checked first), lists a product, posts it and launches a promotion', async ({ browser }) => {
  const owner = `shop-${run}`;
  const context = await signedIn(browser, owner);
  const page = await context.newPage();
  await page.goto('/me');
  await page.getByRole('link', { name: '商家入驻' }).click();
  await page.getByLabel('商家名称').fill(`湖边咖啡馆 ${run}`);
  await page.getByLabel('城市').fill('杭州');
  const code = licence();
  await page.getByLabel('统一社会信用代码').fill(code.slice(0, 17) + (code[17] === '0' ? '1' : '0'));
  await page.getByRole('button', { name: '提交入驻' }).click();
  await expect(page.getByRole('alert')).toContainText('校验位不正确');
  await accessible(page, 'merchant onboarding');
  await page.getByLabel('统一社会信用代码').fill(code);
  await expect(page.getByText('代码格式正确')).toBeVisible();
  await page.getByRole('button', { name: '提交入驻' }).click();
  await expect(page.getByRole('status')).toHaveText('已上线');

  await page.getByRole('link', { name: '商家后台' }).click();
  await expect(page.getByRole('heading', { name: `湖边咖啡馆 ${run}` })).toBeVisible();
  const consoleUrl = page.url();
  await page.getByRole('tab', { name: '商品' }).click();
  await page.getByLabel('商品名称').fill('耶加雪菲 挂耳');
  await page.getByLabel('价格（元）').fill('39.90');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByText('¥39.90')).toBeVisible();

  // A product adopted from the sourcing catalogue a platform-admin filled: listed at 1.5× the wholesale price.
  const offer = `保山小粒咖啡豆 ${run}`;
  await call(`ops-${run}`, 'POST', '/api/sourcing/offers', {
    title: offer, category: 'coffee', supplier: '保山咖啡合作社', wholesalePriceCents: 2000, currency: 'CNY', minOrder: 5, images: [],
  }, true);
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('listitem').filter({ hasText: offer }).getByRole('button', { name: '上架此货源' }).click();
  await expect(page.getByText('¥30.00')).toBeVisible();
  await accessible(page, 'merchant products');

  await page.getByRole('tab', { name: '内容' }).click();
  await page.getByRole('link', { name: '发帖' }).click();
  const text = `新豆到店 #咖啡 ${run}`;
  await page.getByLabel('内容').fill(text);
  await page.getByLabel(/耶加雪菲 挂耳/).check();
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByRole('heading', { name: `湖边咖啡馆 ${run}` })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(text)).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });

  await page.getByRole('tab', { name: '推广' }).click();
  await page.getByLabel('推广的内容').selectOption({ label: text });
  await page.getByLabel('曝光预算（次）').fill('100');
  // A city of this run only, so no other run's promotion competes for the member's sponsored slot.
  const city = `湖州${run}`;
  await page.getByLabel('目标城市（逗号分隔）').fill(city);
  await page.getByRole('checkbox', { name: '咖啡' }).check();
  await accessible(page, 'merchant promotions');
  await page.getByRole('button', { name: '开始推广' }).click();
  await expect(page.getByText('投放中')).toBeVisible();
  await expect(page.getByText('已曝光 0 / 100')).toBeVisible();
  await page.getByRole('button', { name: '暂停' }).click();
  await expect(page.getByText('已暂停', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText('投放中')).toBeVisible();

  // The merchant hosts a tasting (POST /api/activities with merchantId) and its console lists it.
  await page.getByRole('tab', { name: '活动' }).click();
  await expect(page.getByText('还没有活动')).toBeVisible();
  const tasting = `手冲品鉴会 ${run}`;
  await page.getByLabel('活动名称').fill(tasting);
  await page.getByLabel('地点名称').fill('湖边咖啡馆 二楼');
  await page.getByLabel('名额').fill('12');
  await accessible(page, 'merchant activities');
  await page.getByRole('button', { name: '发布活动' }).click();
  const listed = page.getByRole('link', { name: new RegExp(tasting) });
  await expect(listed).toBeVisible();
  await expect(listed).toContainText('1/12 人已报名');
  await listed.click();
  await expect(page.getByRole('heading', { name: tasting })).toBeVisible();
  await expect(page.getByText('你已报名（同行 0 人）')).toBeVisible();
  await page.getByRole('link', { name: '主办商家' }).click();
  await expect(page.getByRole('heading', { name: `湖边咖啡馆 ${run}` })).toBeVisible();

  // A member of a coffee community in that city (the targeting) finds the post in their feed, marked as sponsored.
  const member = `target-${run}`;
  const c = await community(member, `咖啡 早起 ${run}`, { city });
  for (let i = 1; i <= 4; i++) {
    await call(member, 'POST', `/api/communities/${c.id}/posts`, { text: `第 ${i} 杯 ${run}`, media: [] });
  }
  const reader = await signedIn(browser, member);
  const feed = await reader.newPage();
  await expect(async () => {
    await feed.goto('/');
    await expect(feed.locator('article.sponsored').filter({ hasText: text })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 45_000 });
  await expect(feed.locator('article.sponsored').filter({ hasText: text }).getByText('赞助')).toBeVisible();
  await accessible(feed, 'home feed with a sponsored card');
  const clicked = feed.waitForResponse((r) => r.url().includes('/api/feeds/me/sponsored/') && r.url().endsWith('/click'));
  await feed.locator('article.sponsored').filter({ hasText: text }).getByRole('link', { name: '去看看' }).click();
  expect((await clicked).ok()).toBeTruthy();
  await reader.close();

  // The owner's results (the console remembers the promotion in this browser): the served impression and the click,
  // per day in the chart and its table.
  await page.goto(consoleUrl);
  await page.getByRole('tab', { name: '推广' }).click();
  await expect(async () => {
    await page.getByRole('button', { name: '查看效果' }).click();
    await expect(page.getByText(/曝光 [1-9]\d* 次，触达 1 人，点击 1 次/)).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByRole('img', { name: '每日曝光与点击' })).toBeVisible();
  await expect(page.locator('figure table tbody tr')).toHaveCount(1);
  await accessible(page, 'promotion results');
  await context.close();
});

test('an admin approves a pending merchant', async ({ browser }) => {
  const owner = `pending-${run}`;
  const m = await call<{ id: string; status: string }>(owner, 'POST', '/api/merchants', {
    name: `江边餐厅 ${run}`, category: 'restaurant', city: '杭州', location: { lat: 30.25, lon: 120.16 }, licenseNumber: licence(),
  });
  expect(m.status).toBe('PENDING_REVIEW');

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill(`admin-${run}`);
  await page.getByLabel('平台管理员').check();
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的' }).click();
  await page.getByRole('link', { name: '商家审核' }).click();
  await expect(page.getByRole('heading', { name: '商家审核' })).toBeVisible();
  await page.getByLabel('商家 ID').fill(m.id);
  await page.getByRole('button', { name: '通过' }).last().click();
  await expect(page.getByText(`已通过：江边餐厅 ${run}`)).toBeVisible();
  await accessible(page, 'admin review');
  const after = await call<{ status: string }>(owner, 'GET', `/api/merchants/${m.id}`);
  expect(after.status).toBe('ACTIVE');
  await context.close();
});
