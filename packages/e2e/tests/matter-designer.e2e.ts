import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/accounts';
import { login, openFromMenu, screenshot, settle, textOf, useBrowser } from './support/browser';

const { session } = useBrowser();

/** Copied, never changed: other tests apply for the matters of the demo catalog. */
const SOURCE = 'residence_certificate';

interface MatterRecord {
  definition: Record<string, unknown>;
  enabled: boolean;
  version: number;
}

const modal = (page: Page) =>
  page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal');
const tab = (page: Page, section: string) => page.getByTestId(`designer-tab-${section}`);
/** The messages shown under one input of the designer, by its problem key (`form.3.label`). */
const errorsAt = (page: Page, key: string) =>
  page.locator(`[data-problem-key="${key}"] .ant-form-item-explain-error`);

/** A full-page picture is taken from the top, so the sticky header stays at the top of it. */
async function fullShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** The HTTP status of a GET in the page's session (cookies included). */
const statusOf = (page: Page, path: string) =>
  page.evaluate(async (url) => (await fetch(url)).status, path);

/** Fills the reason in the save dialog and confirms. */
async function saveWithReason(page: Page, reason: string): Promise<void> {
  await page.getByTestId('designer-save').click();
  await modal(page).getByTestId('designer-reason').fill(reason);
  await modal(page)
    .getByRole('button', { name: /保\s*存/ })
    .click();
}

describe('事项设计', () => {
  const suffix = randomBytes(3).toString('hex');
  const code = `e2e_residence_${suffix}`;
  const name = `居住证明（测试 ${suffix}）`;

  it('an informatization admin copies a matter, adds a field and a material, sees them previewed, cannot save a broken field, saves version 1, edits it to version 2 and hears of a version saved meanwhile', async () => {
    const { page } = await session();
    await login(page, 'infoadmin');
    await openFromMenu(page, '服务事项');
    await page.getByTestId('matters-table').waitFor();
    await page.getByTestId(`matter-copy-${SOURCE}`).click();

    // the copy starts with the source's definition and a code to change
    await page.getByTestId('matter-designer').waitFor();
    await expect.poll(() => page.getByTestId('designer-code').inputValue()).toBe(`${SOURCE}_copy`);
    await page.getByTestId('designer-code').fill(code);
    await page.getByTestId('designer-name').fill(name);

    // a new field: without a label it is marked at once and the save stays off
    await tab(page, 'form').click();
    await page.getByTestId('designer-form').waitFor();
    const before = await page.locator('[data-testid="designer-form"] > .ant-card').count();
    await page.getByTestId('designer-form-add').click();
    const field = page.getByTestId(`designer-form-${before}`);
    await field.waitFor();
    await field.getByTestId('designer-field-key').fill('emergencyContact');
    await expect
      .poll(() => textOf(errorsAt(page, `form.${before}.label`)))
      .toContain('必须填写名称');
    expect(await page.getByTestId('designer-save').isDisabled()).toBe(true);
    expect(await textOf(page.getByTestId('designer-problems'))).toContain('有 1 处需要修正');
    await fullShot(page, 'matter-designer-broken-field');
    expect(await statusOf(page, `/api/matters/${code}`)).toBe(404);

    // fixed: the error goes, the preview renders the field as the window's intake would
    await field.getByTestId('designer-field-label').fill('紧急联系人');
    await field.getByTestId('designer-field-required').check();
    await expect.poll(() => errorsAt(page, `form.${before}.label`).count()).toBe(0);
    const preview = page.getByTestId('designer-preview');
    await expect
      .poll(() => preview.getByTestId('field-emergencyContact').count())
      .toBeGreaterThan(0);
    expect(await textOf(page.getByTestId('designer-preview-form'))).toContain('紧急联系人');

    // a material, previewed in the service guide
    await tab(page, 'materials').click();
    await page.getByTestId('designer-materials').waitFor();
    const materials = await page.locator('[data-testid="designer-materials"] > .ant-card').count();
    await page.getByTestId('designer-materials-add').click();
    const material = page.getByTestId(`designer-materials-${materials}`);
    await material.getByTestId('designer-material-name').fill('紧急联系人身份证复印件');
    await preview.getByRole('tab', { name: '办事指南预览' }).click();
    await expect
      .poll(() => textOf(preview.getByTestId('matter-materials')))
      .toContain('紧急联系人身份证复印件');
    expect(await textOf(page.getByTestId('designer-problems'))).toContain('检查通过');
    await screenshot(page, 'matter-designer-preview', { fullPage: false });

    // saved with a reason: version 1 of the new matter, with the new field
    await saveWithReason(page, 'e2e：新增居住证明的测试副本');
    await page.waitForURL(`**/matters/${code}`);
    await page.getByTestId('matter-edit').waitFor();
    await settle(page);
    const content = page.locator('.ant-layout-content');
    expect(await textOf(content)).toContain(name);
    expect(await textOf(content)).toContain('第 1 版');
    expect(await textOf(content)).toContain('紧急联系人');
    expect(await textOf(page.getByTestId('matter-materials'))).toContain('紧急联系人身份证复印件');
    await screenshot(page, 'matter-designer-saved');

    // edited: leaving with changes asks first; saved, it is version 2
    await page.getByTestId('matter-edit').click();
    await page.getByTestId('matter-designer').waitFor();
    expect(await page.getByTestId('designer-code').isDisabled()).toBe(true);
    expect(await page.getByTestId('designer-save').isDisabled()).toBe(true);
    await fullShot(page, 'matter-designer-edit');
    await tab(page, 'steps').click();
    await fullShot(page, 'matter-designer-steps');
    await tab(page, 'basic').click();
    await page.getByTestId('designer-time-limit').fill('12');
    await page.getByRole('button', { name: /返\s*回/ }).click();
    await expect.poll(() => textOf(modal(page))).toContain('放弃未保存的修改');
    await modal(page).getByRole('button', { name: '继续编辑' }).click();
    await saveWithReason(page, 'e2e：承诺时限改为 12 个工作日');
    await page.waitForURL(`**/matters/${code}`);
    await page.getByTestId('matter-edit').waitFor();
    await expect.poll(() => textOf(page.locator('.ant-layout-content'))).toContain('第 2 版');
    expect(await textOf(page.getByTestId('matter-detail'))).toContain('12 个工作日');
    // the version history says who changed what and why
    const versions = page.getByTestId('matter-versions');
    await expect.poll(() => textOf(versions)).toContain('原因：e2e：承诺时限改为 12 个工作日');
    const history = await textOf(versions);
    expect(history).toMatch(/承诺时限：\d+ 个工作日 → 12 个工作日/);
    expect(history).toContain('第 1 版');
    await fullShot(page, 'matter-designer-versions');

    // someone else saves meanwhile: saving says so, and reloading shows their version
    await page.getByTestId('matter-edit').click();
    await page.getByTestId('matter-designer').waitFor();
    await page.getByTestId('designer-name').fill(`${name}改`);
    const other = await ApiSession.login('infoadmin');
    const current = await other.call<MatterRecord>('GET', `/api/matters/${code}`);
    await other.call('PUT', `/api/matters/${code}`, {
      definition: { ...current.definition, fee: '另一位管理员修改' },
      enabled: current.enabled,
      version: current.version,
      reason: 'e2e：另一位管理员同时修改',
    });
    await saveWithReason(page, 'e2e：改名');
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => textOf(confirm)).toContain('该事项已被他人修改');
    await confirm.getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => page.getByTestId('designer-name').inputValue()).toBe(name);
    expect(await textOf(page.getByTestId('designer-preview'))).not.toContain(`${name}改`);
    await preview.getByRole('tab', { name: '办事指南预览' }).click();
    expect(await textOf(preview)).toContain('另一位管理员修改');

    // the catalog lists it at its new version
    await openFromMenu(page, '服务事项');
    await page.getByTestId('matters-table').waitFor();
    await settle(page);
    const row = page.locator(`[data-testid="matters-table"] tr[data-row-key="${code}"]`);
    expect(await textOf(row)).toContain('v3');
    await fullShot(page, 'matter-designer-catalog');
  });
});
