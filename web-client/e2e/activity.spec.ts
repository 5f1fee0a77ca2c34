import { expect, test } from '@playwright/test';
import { accessible, call, community, run, signedIn } from './platform';

test('RSVP into a full activity shows the waitlist position, then the seat once one frees', async ({ browser }) => {
  const organizer = `organizer-${run}`;
  const early = `early-${run}`;
  const late = `late-${run}`;
  const c = await community(organizer, `周末 徒步 ${run}`, { interests: ['hiking'] });
  await call(early, 'POST', `/api/communities/${c.id}/members`, {});
  await call(late, 'POST', `/api/communities/${c.id}/members`, {});
  const start = Date.now() + 3 * 86400_000;
  const a = await call<{ id: string }>(organizer, 'POST', '/api/activities', {
    communityId: c.id, title: `龙井山 徒步 ${run}`, description: '早上八点集合',
    startsAt: new Date(start).toISOString(), endsAt: new Date(start + 4 * 3600_000).toISOString(),
    venue: { name: '龙井村', address: '杭州市西湖区龙井路', lat: 30.22, lon: 120.12 }, capacity: 2,
  });
  await call(early, 'PUT', `/api/activities/${a.id}/rsvps/me`, { guests: 0 });

  const context = await signedIn(browser, late);
  const page = await context.newPage();
  await page.goto(`/c/${c.id}`);
  await page.getByRole('tab', { name: '活动' }).click();
  await page.getByRole('link', { name: new RegExp(`龙井山 徒步 ${run}`) }).click();
  await expect(page.getByText('2/2 人已报名')).toBeVisible();
  await expect(page.getByRole('link', { name: '在地图中查看' })).toHaveAttribute('href', /openstreetmap\.org/);
  await accessible(page, 'activity');
  await page.getByRole('button', { name: '报名', exact: true }).click();
  await expect(page.getByText('你在候补名单第 1 位')).toBeVisible();

  // The organizer sees the waitlist and checks the early attendee in.
  const org = await signedIn(browser, organizer);
  const orgPage = await org.newPage();
  await orgPage.goto(`/a/${a.id}`);
  await orgPage.getByRole('tab', { name: '候补' }).click();
  await expect(orgPage.getByRole('link', { name: late })).toBeVisible();
  await orgPage.getByRole('tab', { name: '已报名' }).click();
  await orgPage.getByRole('link', { name: early }).locator('xpath=..').getByRole('button', { name: '签到' }).click();
  await expect(orgPage.getByText('已签到')).toBeVisible();
  await accessible(orgPage, 'activity (organizer)');

  // A seat frees: the waitlist moves up in the same transaction.
  await call(early, 'DELETE', `/api/activities/${a.id}/rsvps/me`);
  await page.reload();
  await expect(page.getByText('你已报名（同行 0 人）')).toBeVisible();
  await page.getByRole('button', { name: '取消报名' }).click();
  await expect(page.getByRole('button', { name: '报名', exact: true })).toBeVisible();
  await org.close();
  await context.close();
});

test('an activity card in the home feed takes an RSVP in place', async ({ browser }) => {
  const organizer = `host-${run}`;
  const member = `joiner-${run}`;
  const c = await community(organizer, `周末 骑行 ${run}`, { interests: ['cycling'] });
  await call(member, 'POST', `/api/communities/${c.id}/members`, {});
  // The feed learns of the membership from an event: wait until a post reaches the member's feed, so the activity
  // is scheduled into a membership the feed already knows.
  await call(organizer, 'POST', `/api/communities/${c.id}/posts`, { text: `集合地点见活动 ${run}`, media: [] });
  await expect.poll(async () => (await call(member, 'GET', '/api/feeds/me')).items.length, { timeout: 30_000 }).toBeGreaterThan(0);
  const start = Date.now() + 5 * 86400_000;
  const title = `环湖 骑行 ${run}`;
  await call(organizer, 'POST', '/api/activities', {
    communityId: c.id, title, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * 3600_000).toISOString(),
    venue: { name: '湖滨公园', address: '杭州市上城区湖滨路', lat: 30.26, lon: 120.16 }, capacity: 10,
  });
  const context = await signedIn(browser, member);
  const page = await context.newPage();
  const card = page.locator('article[data-kind="ACTIVITY"]').filter({ hasText: title });
  await expect(async () => {
    await page.goto('/');
    await expect(card).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await card.getByRole('button', { name: '报名', exact: true }).click();
  await expect(card.getByText('你已报名（同行 0 人）')).toBeVisible();
  await accessible(page, 'home feed with an activity card');
  await context.close();
});
