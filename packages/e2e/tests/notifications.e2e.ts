import { randomInt, randomUUID } from 'node:crypto';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseURL, login, screenshot, textOf, useBrowser } from './support/browser';
import { textedCode, xuanwuIdNumber } from './support/residents';

const { session } = useBrowser();

const BAIZITING = '320102005001'; // 百子亭社区, 玄武门街道, 玄武区: the demo `worker`'s community
const MATTER = 'elderly_allowance_claim'; // 高龄津贴申领

/** A resident without an account: the pre-session CSRF cookie and header, as the apply page has. */
async function anonymous() {
  const start = await fetch(`${baseURL()}/api/auth/session`, {
    headers: { accept: 'application/json' },
  });
  const { csrfToken } = (await start.json()) as { csrfToken: string };
  const cookie = start.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${baseURL()}${path}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-csrf-token': csrfToken,
        cookie,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.ok, `POST ${path} → ${response.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** A resident applies online in 百子亭社区; the community's workers are told to accept it. */
async function applyOnline(): Promise<string> {
  const phone = `136${String(randomInt(10_000_000, 100_000_000))}`;
  const { idNumber, birthDate } = xuanwuIdNumber(1942);
  const post = await anonymous();
  await post('/api/public/applications/code', { phone });
  const code = await textedCode(phone);
  const address = '南京市玄武区百子亭 12 号';
  const { number } = await post<{ number: string }>('/api/public/applications', {
    matterCode: MATTER,
    regionCode: BAIZITING,
    name: '钱桂芳',
    idNumber,
    phone,
    code,
    form: {
      birthDate,
      registeredAddress: address,
      currentAddress: address,
      phone,
      bankName: '南京银行玄武支行',
      bankAccount: '6222021001998877001',
    },
    submissionKey: randomUUID(),
  });
  return number;
}

const isInbox = (response: Response) =>
  new URL(response.url()).pathname === '/api/notifications' && response.ok();
const unreadOf = async (page: Page) =>
  Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

describe('站内消息', () => {
  it('the community worker is told of an online application by the bell and opens it from there', async () => {
    const { page } = await session();
    const firstLoad = page.waitForResponse(isInbox);
    await login(page, 'worker');
    await firstLoad;
    const before = await unreadOf(page);

    const number = await applyOnline();

    // the bell asks every minute, and at once when the user comes back to the tab: come back
    await expect
      .poll(async () => {
        await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
        return unreadOf(page);
      })
      .toBe(before + 1);
    const badge = page.locator('[data-testid="notification-bell"]').locator('xpath=..');
    // the badge rolls its digits from the old count to the new one
    await expect
      .poll(() => textOf(badge.locator('.ant-badge-count')))
      .toBe(before + 1 > 99 ? '99+' : String(before + 1));

    await page.getByTestId('notification-bell').click();
    const popover = page.getByTestId('notification-popover');
    const item = popover.getByTestId('notification-item').filter({ hasText: number });
    await item.waitFor();
    expect(await textOf(item)).toMatch(new RegExp(`^新办件待\\S*受理：高龄津贴申领（${number}）`));
    expect(await textOf(item)).toMatch(/刚刚|分钟前/);
    expect(await item.getAttribute('data-read')).toBe('false');
    // the newest message is first, in bold
    expect(await popover.getByTestId('notification-item').first().getAttribute('data-id')).toBe(
      await item.getAttribute('data-id'),
    );
    expect(
      await item.locator('strong').count(),
      'an unread message is written in bold',
    ).toBeGreaterThan(0);
    await screenshot(page, 'notifications-popover', { fullPage: false });

    await item.click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await expect.poll(() => textOf(page.getByTestId('application-summary'))).toContain(number);
    await expect.poll(() => unreadOf(page)).toBe(before);
    // the popover closed (once its leave animation is over)
    await expect.poll(() => page.locator('.ant-popover:not(.ant-popover-hidden)').count()).toBe(0);

    // read on the server too: after a reload the count stays down and the message is read
    const reloaded = page.waitForResponse(isInbox);
    await page.reload();
    await reloaded;
    await expect.poll(() => unreadOf(page)).toBe(before);
    await page.getByTestId('notification-bell').click();
    await expect
      .poll(() =>
        page.getByTestId('notification-item').filter({ hasText: number }).getAttribute('data-read'),
      )
      .toBe('true');
  });
});
