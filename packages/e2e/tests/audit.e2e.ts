import { describe, expect, it } from 'vitest';
import {
  expectCjkGlyphs,
  login,
  openFromMenu,
  screenshot,
  settle,
  textOf,
  useBrowser,
} from './support/browser';

const { session } = useBrowser();

describe('审计日志', () => {
  it('the audit administrator reads the log and verifies its hash chain', async () => {
    const { page } = await session();
    await login(page, 'auditadmin');
    // Three-way separation: the audit administrator reads the log but does not manage users.
    const menu = await textOf(page.locator('.ant-layout-sider .ant-menu-root'));
    expect(menu).toContain('审计日志');
    expect(menu).not.toContain('用户管理');

    await openFromMenu(page, '审计日志');
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await settle(page);
    const text = await textOf(table);
    for (const heading of ['序号', '时间', '操作人', '操作', '结果'])
      expect(text).toContain(heading);
    expect(text).toContain('auth.login'); // this very sign-in is on the record
    expect(text).toMatch(/auditadmin 审计管理员 auth.login/);
    expect(text).toContain('成功');
    expect(await textOf(page.locator('.ant-layout-content'))).toContain('哈希链');
    await expectCjkGlyphs(page, '[data-testid="audit-table"] thead');

    await page.getByTestId('audit-verify').click();
    const verdict = page.getByTestId('audit-verify-result');
    await verdict.waitFor();
    expect(await textOf(verdict)).toMatch(/审计链完整.*已校验 \d+ 条记录，未发现篡改/);
    await screenshot(page, 'audit');
  });

  it('an account without the audit permission is turned away from the page', async () => {
    const { page } = await session();
    await login(page, 'worker');
    expect(await textOf(page.locator('.ant-layout-sider .ant-menu-root'))).not.toContain(
      '审计日志',
    );
    await page.goto('/audit');
    await expect.poll(() => textOf(page.locator('.ant-layout-content'))).toContain('无权访问');
    expect(await page.getByTestId('audit-table').count()).toBe(0);
  });
});
