// `npm run screenshots` (with CIRCLES_GATEWAY pointing at a running platform, e.g. ./circles up): sets a scene
// through the API, then saves one picture per screen at 390×844 into docs/web-client/.
import { expect, test, type Page } from '@playwright/test';
import { call, community, licence, run, signedIn } from './platform';

const out = (name: string) => `../docs/web-client/${name}.png`;

async function shot(page: Page, name: string, path: string, ready: string | RegExp) {
  await page.goto(path);
  await expect(page.getByText(ready).first()).toBeVisible();
  // Live streams keep the network busy: let images and late lists settle instead of waiting for quiet.
  await page.waitForTimeout(700);
  await page.screenshot({ path: out(name) });
}

test('screens', async ({ browser }) => {
  test.setTimeout(180_000);
  const me = `小林-${run}`;
  const owner = `阿杰-${run}`;
  const c = await community(owner, `咖啡 同好会 ${run}`);
  await call(me, 'POST', `/api/communities/${c.id}/members`, {});
  const p = await call<{ id: string }>(owner, 'POST', `/api/communities/${c.id}/posts`, { text: '周六上午在湖边手冲，欢迎来玩 #手冲', media: [] });
  await call(me, 'POST', `/api/posts/${p.id}/comments`, { text: '我带豆子来！' });
  const start = Date.now() + 2 * 86400_000;
  const a = await call<{ id: string }>(owner, 'POST', '/api/activities', {
    communityId: c.id, title: '周六湖边手冲', description: '自带杯子', startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 2 * 3600_000).toISOString(), venue: { name: '西湖断桥', address: '杭州市西湖区北山街', lat: 30.26, lon: 120.15 }, capacity: 8,
  });
  const m = await call<{ id: string }>(me, 'POST', '/api/merchants', {
    name: `湖边咖啡馆 ${run}`, category: 'cafe', city: '杭州', location: { lat: 30.25, lon: 120.16 }, licenseNumber: licence(),
  });
  await call(me, 'POST', `/api/merchants/${m.id}/products`, { title: '耶加雪菲 挂耳', priceCents: 3990, currency: 'CNY', stock: 20, images: [] });

  const anonymous = await browser.newContext();
  const signIn = await anonymous.newPage();
  await shot(signIn, 'sign-in', '/', '开发登录');
  await signIn.goto('/merchant/new');
  await anonymous.close();

  const context = await signedIn(browser, me);
  const page = await context.newPage();
  await page.addInitScript(([id, name]) => localStorage.setItem(`circles.merchants.${name}`, JSON.stringify([{ id, name: '湖边咖啡馆' }])), [m.id, me]);
  // The feed is built from events: wait until the post has landed.
  await expect(async () => {
    await page.goto('/');
    await expect(page.getByText('周六上午在湖边手冲').first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await shot(page, 'feed', '/', '周六上午在湖边手冲');
  await shot(page, 'discover', '/discover', '你可能喜欢');
  await shot(page, 'community', `/c/${c.id}`, '周六上午在湖边手冲');
  await shot(page, 'post', `/post/${p.id}`, '我带豆子来！');
  await shot(page, 'composer', `/c/${c.id}/compose`, '发布帖子');
  await shot(page, 'activity', `/a/${a.id}`, '周六湖边手冲');
  await shot(page, 'notifications', '/notifications', '全部标为已读');
  await shot(page, 'me', '/me', '个人资料');
  await shot(page, 'profile', `/u/${encodeURIComponent(owner)}`, '拉黑');
  await shot(page, 'merchant-onboarding', '/merchant/new', '统一社会信用代码');
  await page.goto(`/m/${m.id}`);
  await page.getByRole('tab', { name: '商品' }).click();
  await expect(page.getByText('¥39.90')).toBeVisible();
  await page.screenshot({ path: out('merchant-console') });
  // event-service learns of the merchant from its events: retry until it may host an activity.
  await expect(async () => {
    await call(me, 'POST', '/api/activities', {
      merchantId: m.id, title: '手冲品鉴会', description: '三款新豆', startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 2 * 3600_000).toISOString(), venue: { name: '湖边咖啡馆 二楼', address: '杭州市西湖区北山街', lat: 30.25, lon: 120.16 }, capacity: 12,
    });
  }).toPass({ timeout: 30_000 });
  await page.getByRole('tab', { name: '活动' }).click();
  await expect(page.getByText('手冲品鉴会')).toBeVisible();
  await page.waitForTimeout(700);
  await page.screenshot({ path: out('merchant-activities') });
  await context.close();

  const admin = await signedIn(browser, `admin-${run}`, true);
  const adminPage = await admin.newPage();
  await shot(adminPage, 'admin', '/admin', '按 ID 审核');
  await admin.close();

  const organizer = await signedIn(browser, owner);
  const orgPage = await organizer.newPage();
  await shot(orgPage, 'activity-organizer', `/a/${a.id}`, '报名名单');
  await orgPage.goto(`/c/${c.id}`);
  await orgPage.getByRole('tab', { name: '管理' }).click();
  await expect(orgPage.getByRole('heading', { name: '入圈申请' })).toBeVisible();
  await orgPage.screenshot({ path: out('moderation') });
  await organizer.close();
});
