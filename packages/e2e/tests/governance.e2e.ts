import { randomInt } from 'node:crypto';
import { idNumberCheckCharacter } from '@shequ/core';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, createDepartmentReviewer } from './support/accounts';
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

const BAIZITING = '320102005001'; // 百子亭社区, 玄武门街道, 玄武区
const XUANWU = '320102';

/** A valid citizen ID number of a Xuanwu district resident. */
function idNumber(): string {
  const first17 = `320102197${randomInt(10)}0${randomInt(1, 10)}1${randomInt(10)}${randomInt(100, 999)}`;
  return first17 + idNumberCheckCharacter(first17);
}

const given = ['明', '华', '芳', '静', '伟', '丽', '强', '敏', '军', '燕', '杰', '娟'];
const pick = () => given[randomInt(given.length)]!;

/**
 * Picks an option of an antd select (by the field's id and the option's title, typed into the
 * search box first when `type`) and checks the field shows it afterwards; a click that lands while
 * the popup is still opening is retried.
 */
async function choose(
  page: Page,
  scope: Locator,
  id: string,
  title: string,
  { type = false } = {},
): Promise<void> {
  const input = scope.locator(`#${id}`);
  const item = scope.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await page.keyboard.press('Escape');
    await input.click();
    // a long list renders only the options in view: type to bring the wanted one up
    if (type) await input.fill(title);
    const option = openDropdown(page).locator(`.ant-select-item-option[title="${title}"]`);
    await option.waitFor({ timeout: 10_000 });
    await option.click();
    try {
      await expect.poll(() => textOf(item.first()), { timeout: 3_000 }).toContain(title);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

const content = (page: Page) => page.locator('.ant-layout-content');

/** A full-page picture is taken from the top, so the sticky header stays at the top of it. */
async function fullShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}
const message = (page: Page) => page.locator('.ant-message');
const drawer = (page: Page) => page.locator('.ant-drawer-open .ant-drawer-content-wrapper');
const modal = (page: Page) =>
  page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal');

describe('数据治理', () => {
  it('the informatization administrator reads the catalog and the responsibility matrix and adjusts an element', async () => {
    const { page } = await session();
    await login(page, 'infoadmin');
    await openFromMenu(page, '数据元目录');
    const table = page.getByTestId('catalog-table');
    await expect.poll(() => textOf(table)).toContain('婚姻状况');
    expect(await textOf(content(page))).toContain('南京市的数据元目录');
    await expectCjkGlyphs(page, '[data-testid="catalog-table"] thead');
    await fullShot(page, 'governance-catalog');

    // find the disability grade: verified by 残联, compared by 民政 and 人社
    await page.getByTestId('catalog-search').locator('input').fill('残疾等级');
    const grade = table.locator('tr.ant-table-row', { hasText: 'group.disabled.grade' });
    await expect.poll(() => grade.count()).toBe(1);
    const gradeText = await textOf(grade);
    for (const text of [
      '残疾人·残疾等级',
      '残疾等级',
      '敏感个人信息',
      '残联',
      '民政',
      '人社',
      '10 天',
    ])
      expect(gradeText).toContain(text);
    await page.getByTestId('catalog-search').locator('input').fill('');

    // the matrix: 残联 verifies the grade (●), 民政 compares it (○)
    await page.locator('.ant-tabs-tab', { hasText: '责任矩阵' }).click();
    const matrix = page.getByTestId('responsibility-matrix');
    await matrix.waitFor();
    expect(await textOf(matrix)).toContain('人员基本信息');
    expect(await textOf(matrix)).toContain('残疾人名册');
    const headers = await matrix.locator('thead th').allInnerTexts();
    const row = matrix.locator('tr.ant-table-row', { hasText: '残疾人·残疾等级' });
    const mark = (department: string) =>
      row
        .locator('td')
        .nth(headers.indexOf(department))
        .locator('[data-responsibility]')
        .getAttribute('data-responsibility');
    expect(await mark('残联')).toBe('verifies');
    expect(await mark('民政')).toBe('compares');
    expect(await row.locator('[data-responsibility="verifies"]').count()).toBe(1);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'governance-matrix', { fullPage: false });

    // adjust 工作单位: naming the verifier among the comparers is refused on the field
    await page.locator('.ant-tabs-tab', { hasText: '数据元' }).first().click();
    await page.getByTestId('catalog-search').locator('input').fill('工作单位');
    await page.getByTestId('catalog-edit-person.employer').click();
    const edit = drawer(page);
    await edit.waitFor();
    await choose(page, edit, 'catalogSetting_verifier', '医保', { type: true });
    await edit.locator('#catalogSetting_timeLimitDays').fill('7');
    await page.getByTestId('catalog-reason').fill('本市工作单位以医保参保登记为准');
    await page.getByTestId('catalog-save').click();
    const comparersError = edit
      .locator('.ant-form-item')
      .filter({ has: page.locator('#catalogSetting_comparers') })
      .locator('.ant-form-item-explain-error');
    await expect.poll(() => comparersError.allInnerTexts()).toEqual(['审核部门不必再列为比对部门']);
    await screenshot(page, 'governance-catalog-edit-error', { fullPage: false });

    // back to 人社 as verifier; the time limit and the reason are saved
    await choose(page, edit, 'catalogSetting_verifier', '人社', { type: true });
    await page.getByTestId('catalog-save').click();
    await expect.poll(() => textOf(message(page))).toContain('已保存「工作单位」的本市配置');
    await edit.waitFor({ state: 'hidden' });
    const employer = table.locator('tr.ant-table-row', { hasText: 'person.employer' });
    await expect.poll(() => textOf(employer)).toContain('本市已调整');
    expect(await textOf(employer)).toContain('7 天');
    await fullShot(page, 'governance-catalog-adjusted');

    // the setting keeps its history: who changed it, why, from what to what
    await page.getByTestId('catalog-edit-person.employer').click();
    await edit.waitFor();
    const history = edit.getByTestId('catalog-history');
    await expect.poll(() => textOf(history)).toContain('本市工作单位以医保参保登记为准');
    expect(await textOf(history)).toContain('办理时限（天）');
    await screenshot(page, 'governance-catalog-history', { fullPage: false });
    await edit.locator('.ant-drawer-close').click();
    await edit.waitFor({ state: 'hidden' });
  });

  describe('a disability grade collected, verified, disputed and ruled', () => {
    let cdpf: string;
    let person: { id: string; name: string; idNumber: string };

    beforeAll(async () => {
      cdpf = await createDepartmentReviewer('disabled_federation', XUANWU, '何残联');
      const worker = await ApiSession.login('worker');
      const number = idNumber();
      const name = `韩${pick()}${pick()}`;
      const created = await worker.call<{ id: string }>('POST', '/api/people', {
        name,
        idNumber: number,
        regionCode: BAIZITING,
      });
      person = { id: created.id, name, idNumber: number };
    });

    it('a community worker registers the person as disabled, grade 二级: the value awaits 残联', async () => {
      const { page } = await session();
      await login(page, 'worker');
      await page.goto(`/people/${person.id}?tab=groups`);
      await page.getByTestId('membership-add').click();
      const form = modal(page);
      await form.waitFor();
      await choose(page, form, 'membership_groupCode', '残疾人');
      await form.locator('#membership_attributes_certificateNumber').fill(`${person.idNumber}44`);
      await choose(page, form, 'membership_attributes_category', '肢体残疾');
      await choose(page, form, 'membership_attributes_grade', '二级');
      await form.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => textOf(message(page))).toContain('已登记为残疾人');

      const badge = page.getByTestId('value-badge-group.disabled.grade');
      await expect.poll(() => textOf(badge)).toBe('待核验');
      await badge.hover();
      const popover = page.locator('.ant-popover:not(.ant-popover-hidden)');
      await expect.poll(() => textOf(popover)).toContain('残联');
      expect(await textOf(popover)).toContain('周社工');
      await screenshot(page, 'governance-1-registered', { fullPage: false });

      // 基本信息: the name the worker entered awaits 公安; the phone nobody verifies has no badge
      await page.locator('.ant-tabs-tab', { hasText: '基本信息' }).click();
      const name = page.getByTestId('value-badge-person.name');
      await expect.poll(() => textOf(name)).toBe('待核验');
      await name.hover();
      await expect.poll(() => textOf(popover.last())).toContain('公安');
      expect(await page.getByTestId('value-badge-person.phone').count()).toBe(0);
      await screenshot(page, 'governance-1b-basic', { fullPage: false });
    });

    it('the 残联 reviewer confirms the grade in the queue, and bulk-confirms the rest', async () => {
      const { page } = await session();
      await login(page, cdpf);
      await openFromMenu(page, '待核验');
      await expect.poll(() => new URL(page.url()).pathname).toBe('/verification');
      // the demo data and the other tests fill this queue too: one page holds them all
      await page.goto(new URL('/verification?pageSize=200', page.url()).toString());
      const table = page.getByTestId('verification-table');
      const rows = table.locator('tr.ant-table-row', { hasText: person.name });
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
      await expectCjkGlyphs(page, '[data-testid="verification-table"] thead');
      await fullShot(page, 'governance-2-queue');

      // only the grade: the element filter
      const filter = page.locator('form#queueFilter');
      await choose(page, filter, 'queueFilter_elementCode', '残疾人·残疾等级');
      await filter.locator('button[type=submit]').click();
      await expect.poll(() => page.url()).toContain('elementCode=group.disabled.grade');
      const gradeRow = table.locator('tr.ant-table-row', { hasText: person.name });
      await expect.poll(() => gradeRow.count()).toBe(1);
      const listed = await textOf(gradeRow);
      for (const text of ['二级', '周社工', '百子亭社区', '待核验']) expect(listed).toContain(text);
      expect(listed).toContain(`${person.idNumber.slice(0, 6)}`);
      expect(listed).not.toContain(person.idNumber);

      // the correction dialog offers the code table; cancelled here
      await gradeRow.getByTestId('queue-correct').click();
      const correct = modal(page);
      await correct.waitFor();
      expect(await textOf(correct)).toContain('更正「残疾人·残疾等级」');
      await screenshot(page, 'governance-2b-correct-dialog', { fullPage: false });
      await correct.locator('.ant-modal-footer .ant-btn').first().click();
      await correct.waitFor({ state: 'hidden' });

      await gradeRow.getByTestId('queue-confirm').click();
      await expect
        .poll(() => textOf(message(page)))
        .toContain(`已确认${person.name}的残疾人·残疾等级`);
      await expect.poll(() => gradeRow.count()).toBe(0);

      // the rest of the registration at once
      await filter.getByRole('button', { name: /重\s*置/ }).click();
      await expect.poll(() => page.url()).not.toContain('elementCode');
      // membership, certificate number and category are left (the list shown first is the one
      // cached before the confirmation, refetched at once)
      const count = 3;
      await expect.poll(() => rows.count()).toBe(count);
      await expect.poll(() => rows.filter({ hasText: '残疾人·残疾等级' }).count()).toBe(0);
      await settle(page);
      for (let i = 0; i < count; i++) await rows.nth(i).locator('.ant-checkbox-input').check();
      await page.getByTestId('bulk-confirm').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      const result = page.getByTestId('bulk-confirm-result');
      await expect.poll(() => textOf(result)).toContain(`已确认 ${count} 条，跳过 0 条`);
      await expect.poll(() => rows.count()).toBe(0);
      await fullShot(page, 'governance-3-bulk-confirmed');
    });

    it('民政 submits grade 一级 for the person: a discrepancy for 残联', async () => {
      const { page } = await session();
      await login(page, 'reviewer');
      await openFromMenu(page, '比对异议');
      await page.getByTestId('compare-open').click();
      const dialog = modal(page);
      await dialog.waitFor();
      await page.getByTestId('compare-id-number').fill(person.idNumber);
      await choose(page, dialog, 'comparison_elementCode', '残疾人·残疾等级');
      await choose(page, dialog, 'comparison_value', '一级');
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      const result = page.getByTestId('compare-result');
      await expect.poll(() => textOf(result)).toContain('不一致，已转核验部门核准');
      await screenshot(page, 'governance-4-comparison', { fullPage: false });
      await dialog.locator('.ant-modal-footer .ant-btn').first().click();

      // 民政 sees the case it raised, open
      const table = page.getByTestId('discrepancy-table');
      const raised = table.locator('tr.ant-table-row', { hasText: person.name });
      await expect.poll(() => textOf(raised)).toContain('一级');
      expect(await textOf(raised)).toContain('二级');
      expect(await textOf(raised)).toContain('民政局');
      await fullShot(page, 'governance-5-raised');
    });

    it('the 残联 reviewer rules 一级 with a reason; the person shows 已核准 with its provenance', async () => {
      const { page } = await session();
      await login(page, cdpf);
      await openFromMenu(page, '比对异议');
      const table = page.getByTestId('discrepancy-table');
      const row = table.locator('tr.ant-table-row', { hasText: person.name });
      await expect.poll(() => textOf(row)).toContain('一级');
      await fullShot(page, 'governance-6-workbench');
      await row.getByTestId('discrepancy-open').click();
      const detail = drawer(page);
      await detail.waitFor();
      await expect.poll(() => textOf(detail.getByTestId('our-value'))).toBe('二级');
      expect(await textOf(detail.getByTestId('their-value'))).toBe('一级');
      // the value as it stands: verified by 残联, disputed now
      const provenance = detail.getByTestId('value-provenance');
      expect(await textOf(provenance)).toContain('有异议');
      expect(await textOf(provenance)).toContain('残疾人联合会');
      await page.getByTestId('ruling-take-theirs').click();
      await page.getByTestId('ruling-reason').fill('经调阅残疾证及复评结论，核准为一级');
      await page.getByTestId('ruling-submit').scrollIntoViewIfNeeded();
      await screenshot(page, 'governance-7-ruling', { fullPage: false });
      await page.getByTestId('ruling-submit').click();
      await expect.poll(() => textOf(message(page))).toContain('已核准残疾人·残疾等级为“一级”');
      const ruled = detail.getByTestId('ruling-result');
      await expect.poll(() => textOf(ruled)).toContain('经调阅残疾证及复评结论，核准为一级');
      expect(await textOf(ruled)).toContain('何残联');
      await expect.poll(() => textOf(provenance)).toContain('已核准');
      await screenshot(page, 'governance-8-ruled', { fullPage: false });
      await detail.locator('.ant-drawer-close').click();

      // the case moves to 已核准
      await page
        .locator('[data-testid="discrepancy-tabs"] .ant-tabs-tab', { hasText: '已核准' })
        .click();
      await expect.poll(() => textOf(table)).toContain(person.name);
      await settle(page);
      await fullShot(page, 'governance-9-ruled-list');

      // the person: 残疾等级 一级, 已核准, and where that comes from
      await page.goto(`/people/${person.id}?tab=groups`);
      const badge = page.getByTestId('value-badge-group.disabled.grade');
      await expect.poll(() => textOf(badge)).toBe('已核准');
      expect(await textOf(content(page))).toContain('残疾等级：一级');
      await badge.hover();
      const popover = page.locator('.ant-popover:not(.ant-popover-hidden)');
      await expect.poll(() => textOf(popover)).toContain('经调阅残疾证及复评结论，核准为一级');
      const shown = await textOf(popover);
      for (const text of ['已核准', '残疾人联合会', '何残联', '周社工', '一级'])
        expect(shown).toContain(text);
      await screenshot(page, 'governance-10-person-ruled', { fullPage: false });
    });
  });
});
