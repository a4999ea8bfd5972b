import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectCjkGlyphs,
  login,
  openDropdown,
  openFromMenu,
  screenshot,
  settle,
  textOf,
  useBrowser,
} from './support/browser';

const { session } = useBrowser();

/**
 * Picks an option of an antd select (by the field's id and the option's title) and checks the
 * field shows it afterwards; a click that lands while the popup is still opening is retried.
 */
async function choose(page: Page, form: Locator, id: string, title: string): Promise<void> {
  const input = form.locator(`#${id}`);
  const item = form.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await page.keyboard.press('Escape');
    await input.click();
    const option = openDropdown(page).locator(`.ant-select-item-option[title="${title}"]`);
    await option.waitFor({ timeout: 10_000 });
    await option.click();
    try {
      await expect.poll(() => textOf(item), { timeout: 3_000 }).toContain(title);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

const demoUsernames = [
  'sysadmin',
  'secadmin',
  'auditadmin',
  'infoadmin',
  'street',
  'worker',
  'grid',
  'reviewer',
  'hotline',
  'provider',
];

describe('用户管理', () => {
  it('the system administrator sees the demo accounts and creates one through the form', async () => {
    const { page } = await session();
    await login(page, 'sysadmin');
    await openFromMenu(page, '用户管理');
    const table = page.getByTestId('user-table');
    await table.waitFor();
    await expect
      .poll(() => table.locator('tbody tr.ant-table-row').count())
      .toBeGreaterThanOrEqual(demoUsernames.length);
    await settle(page);
    const listed = await textOf(table);
    for (const username of demoUsernames) expect(listed).toContain(username);
    for (const text of [
      '王系统',
      '周社工',
      '系统管理员 · 南京市',
      '社区工作者 · 百子亭社区',
      '正常',
    ])
      expect(listed).toContain(text);
    expect(await textOf(page.locator('.ant-layout-content'))).toContain('用户管理');
    await expectCjkGlyphs(page, '[data-testid="user-table"] thead');
    await screenshot(page, 'user-list');

    // The form: bad values are stopped with a message under the field.
    await page.getByTestId('user-create').click();
    const drawer = page.locator('.ant-drawer-open .ant-drawer-content-wrapper');
    await drawer.waitFor();
    expect(await textOf(drawer.locator('.ant-drawer-title'))).toBe('新建用户');
    await page.getByTestId('user-username').fill('Bad User');
    await page.getByTestId('user-display-name').fill('测试员甲');
    await drawer.locator('#createUser_phone').fill('12345');
    await page.getByTestId('user-password').fill('E2e#Pass2026');
    await choose(page, drawer, 'createUser_homeRegionCode', '南京市');
    await choose(page, drawer, 'createUser_grants_0_role', '热线坐席');
    await page.getByTestId('user-create-submit').click();

    const fieldError = (id: string) =>
      drawer
        .locator('.ant-form-item')
        .filter({ has: page.locator(`#${id}`) })
        .locator('.ant-form-item-explain-error');
    await expect
      .poll(() => fieldError('createUser_username').allInnerTexts())
      .toEqual(['用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母开头']);
    expect(await fieldError('createUser_phone').allInnerTexts()).toEqual(['电话号码格式不正确']);
    await expectCjkGlyphs(page, '.ant-drawer-open .ant-form-item-explain-error');
    await screenshot(page, 'user-create-errors', { fullPage: false });

    // A weak password passes the browser's check but not the server's policy: the server's
    // message lands under the password field.
    const username = `e2e.${randomBytes(3).toString('hex')}`;
    await page.getByTestId('user-username').fill(username);
    await drawer.locator('#createUser_phone').fill('13900001234');
    await page.getByTestId('user-password').fill('abc');
    await page.getByTestId('user-create-submit').click();
    // (under the default policy: 密码长度不得少于 10 位 / 密码须包含…至少 3 类)
    await expect.poll(() => fieldError('createUser_password').count()).toBeGreaterThan(0);
    for (const message of await fieldError('createUser_password').allInnerTexts())
      expect(message).toMatch(/^密码.*[位类]/);
    await screenshot(page, 'user-create-server-error', { fullPage: false });
    expect(await fieldError('createUser_username').count()).toBe(0);
    expect(await fieldError('createUser_phone').count()).toBe(0);

    await page.getByTestId('user-password').fill('E2e#Pass2026');
    await page.getByTestId('user-create-submit').click();
    await expect
      .poll(() => textOf(page.locator('.ant-message')))
      .toContain('已创建用户「测试员甲」');
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => textOf(table)).toContain(username);
    const row = table.locator('tr.ant-table-row', { hasText: username });
    expect(await textOf(row)).toContain('热线坐席 · 南京市');
    await screenshot(page, 'user-created');
  });
});
