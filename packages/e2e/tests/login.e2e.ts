import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  expectCjkGlyphs,
  expectDistinctCjkGlyphs,
  login,
  screenshot,
  textOf,
  useBrowser,
} from './support/browser';
import { totpCode } from './support/totp';

const { session } = useBrowser();

describe('登录', () => {
  it('shows the login page in Chinese', async () => {
    const { page } = await session();
    await page.goto('/login');
    await page.getByTestId('login-submit').waitFor();
    const body = await textOf(page.locator('body'));
    expect(body).toContain('网上社区');
    expect(body).toContain('社区综合管理和服务信息平台');
    expect(body).toContain('用户登录');
    await expectCjkGlyphs(page, '.ant-card-head-title');
    await expectDistinctCjkGlyphs(page);
    await screenshot(page, 'login');
  });

  it('a community worker logs in and sees the platform title line of their street', async () => {
    const { page } = await session();
    await login(page, 'worker');
    await expect
      .poll(() => textOf(page.getByTestId('title-line')))
      .toBe('——南京市玄武区玄武门街道社区综合管理和服务信息平台');
    const header = await textOf(page.locator('.ant-layout-header'));
    expect(header).toContain('网上社区');
    expect(header).toContain('周社工');
    await expect.poll(() => textOf(page.locator('.ant-layout-content'))).toContain('周社工，您好');
    expect(await textOf(page.locator('.ant-layout-content'))).toContain('百子亭社区');
    const fonts = await expectCjkGlyphs(page, '[data-testid="title-line"]');
    console.log(`[e2e] title line drawn with ${fonts.join(', ')}`);
    await screenshot(page, 'dashboard-worker');
  });

  it('a wrong password shows a Chinese error and keeps the user on the login page', async () => {
    const { page } = await session();
    await page.goto('/login');
    await page.getByTestId('login-username').fill('hotline');
    await page.getByTestId('login-password').fill('Wrong#Pass2026');
    await page.getByTestId('login-submit').click();
    const alert = page.locator('.ant-alert-error');
    await alert.waitFor();
    expect(await textOf(alert)).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectCjkGlyphs(
      page,
      '.ant-alert-error .ant-alert-title, .ant-alert-error .ant-alert-message',
    );
    await screenshot(page, 'login-wrong-password');
  });

  it('an empty form is stopped in the browser with Chinese field messages', async () => {
    const { page } = await session();
    await page.goto('/login');
    await page.getByTestId('login-submit').click();
    const errors = page.locator('.ant-form-item-explain-error');
    await expect.poll(() => errors.allInnerTexts()).toEqual(['请输入用户名', '请输入密码']);
  });
});

describe('双因素认证', () => {
  it('an administrator binds an authenticator, then signs in with password and dynamic code', async () => {
    const { page } = await session();
    await login(page, 'secadmin');
    await page.goto('/profile');
    await page.getByTestId('totp-setup-start').click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByTestId('totp-code').fill(totpCode(secret));
    await page.getByTestId('totp-submit').click();
    // (The 双因素认证已启用 toast is not asserted: it does not appear on the profile page, see the report.)
    await expect
      .poll(() => textOf(page.locator('.ant-layout-content')))
      .toContain('已启用双因素认证');

    await page.getByTestId('user-menu').click();
    await page.locator('.ant-dropdown-menu-item', { hasText: '退出登录' }).click();
    await page.getByTestId('login-username').waitFor();

    await page.getByTestId('login-username').fill('secadmin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('totp-code').waitFor();
    expect(await textOf(page.locator('.ant-card-head-title'))).toBe('双因素认证');

    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('totp-submit').click();
    await expect.poll(() => textOf(page.locator('.ant-alert-error'))).toContain('动态验证码错误');
    await screenshot(page, 'login-totp-wrong');

    // The setup used this step's code and a code is accepted once: answer with the next step's
    // (the server allows one step of drift).
    await page.getByTestId('totp-code').fill(totpCode(secret, Date.now() + 30_000));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('title-line').waitFor();
    expect(await textOf(page.locator('.ant-layout-header'))).toContain('李安全');
  });
});
