import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './support/accounts';
import { login, openFromMenu, screenshot, settle, textOf, useBrowser } from './support/browser';
import { textedCode, xuanwuIdNumber } from './support/residents';

const { session } = useBrowser();

const BAIZITING = '320102005001'; // 百子亭社区, 玄武门街道, 玄武区
const MATTER = 'elderly_allowance_claim'; // 高龄津贴申领

const given = ['兰', '英', '秀', '珍', '桂', '淑', '玉', '凤', '琴', '梅'];
const pick = () => given[randomInt(given.length)]!;

const modal = (page: Page) =>
  page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal');
const formItem = (page: Page, label: string) =>
  page.locator('[data-testid="apply-form"] .ant-form-item', {
    has: page.locator('.ant-form-item-label', { hasText: label }),
  });

/** A full-page picture is taken from the top, so a sticky header stays at the top of it. */
async function fullShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** ECharts grows its bars on the canvas for about a second (CSS cannot switch that off). */
async function chartShot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.waitForTimeout(1_500);
  await fullShot(page, name);
}

/** Opens an application from 我的待办 and takes one action on it with an opinion. */
async function actFromQueue(
  page: Page,
  number: string,
  action: 'accept' | 'approve',
  opinion: string,
  done: string,
): Promise<void> {
  await openFromMenu(page, '我的待办');
  const row = page.locator(`[data-testid="application-queue"] tr[data-number="${number}"]`);
  await row.waitFor();
  expect(await textOf(row)).toContain('高龄津贴申领');
  await row.click();
  await page.getByTestId('action-panel').waitFor();
  await page.getByTestId(`action-${action}`).click();
  await modal(page).getByTestId('action-opinion').fill(opinion);
  await modal(page).getByTestId('action-confirm').click();
  await expect.poll(() => textOf(page.locator('.ant-message'))).toContain(done);
}

describe('网上申请', () => {
  const phone = `137${String(randomInt(10_000_000, 100_000_000))}`;
  const applicantName = `顾${pick()}${pick()}`;
  const { idNumber, birthDate } = xuanwuIdNumber(1943);
  let personId = '';
  let applicationNumber = '';
  let verificationCode = '';

  beforeAll(async () => {
    // the community recorded her; she applies online with the same ID number, so the approval
    // enrols her record in the elderly-allowance register
    const worker = await ApiSession.login('worker');
    const person = await worker.call<{ id: string }>('POST', '/api/people', {
      name: applicantName,
      idNumber,
      regionCode: BAIZITING,
      residenceType: 'registered',
      phone,
      registeredAddress: '南京市玄武区百子亭 8 号',
      currentAddress: '南京市玄武区百子亭 8 号 1 单元 102 室',
    });
    personId = person.id;
  });

  it('a resident applies online without logging in: the guide, an SMS code, the form, the number', async () => {
    const { page } = await session();
    await page.goto('/login');
    await page.getByTestId('login-apply').click();
    await page.waitForURL('**/apply');

    // ① the online matters; the guide of the one chosen
    const card = page.locator(`[data-testid="apply-matter"][data-code="${MATTER}"]`);
    await card.waitFor();
    await card.click();
    const guide = page.getByTestId('apply-guide');
    await guide.getByTestId('matter-conditions').waitFor();
    const guideText = await textOf(guide);
    for (const text of ['年满 80 周岁', '老年人权益保障法', '申请人本人银行卡', '原件'])
      expect(guideText).toContain(text);
    await fullShot(page, 'applications-online-guide');
    await page.getByTestId('apply-start').click();

    // ② who she is (where she lives is picked below, after a first try without it)
    await page.getByTestId('apply-name').fill(applicantName);
    await page.getByTestId('apply-id-number').fill(idNumber);
    await page.getByTestId('apply-phone').fill(phone);
    await page.getByTestId('apply-code-request').click();
    await expect
      .poll(() => textOf(page.getByTestId('apply-code-request')))
      .toMatch(/^\d+ 秒后重新获取$/);
    expect(await page.getByTestId('apply-code-request').isDisabled()).toBe(true);
    const code = await textedCode(phone);

    // ③ the matter's form, built from its definition
    const birth = formItem(page, '出生日期').locator('input');
    await birth.click();
    await birth.fill(birthDate);
    await birth.press('Enter');
    await page.getByTestId('field-registeredAddress').fill('南京市玄武区百子亭 8 号');
    await page.getByTestId('field-currentAddress').fill('南京市玄武区百子亭 8 号 1 单元 102 室');
    await page.getByTestId('field-phone').fill(phone);
    await page.getByTestId('field-bankName').fill('南京银行玄武支行');
    await page.getByTestId('field-bankAccount').fill('6222021001998877665');

    // a wrong code is marked on the code field by the server
    await page.getByTestId('apply-code').fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('apply-submit').click();
    await expect.poll(() => textOf(formItem(page, '所在社区'))).toContain('请选择所在社区');
    // 区 → 街道 → 社区 from the city's division codes, loaded a level at a time
    await page.getByTestId('apply-region').click();
    for (const name of ['玄武区', '玄武门街道', '百子亭社区'])
      await page.locator(`.ant-cascader-menu-item[title="${name}"]`).click();
    expect(await textOf(formItem(page, '所在社区'))).toContain('玄武区 / 玄武门街道 / 百子亭社区');
    await page.getByTestId('apply-submit').click();
    await expect.poll(() => textOf(formItem(page, '短信验证码'))).toContain('验证码不正确');
    await fullShot(page, 'applications-online-form');

    await page.getByTestId('apply-code').fill(code);
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('apply-done').waitFor();
    applicationNumber = await textOf(page.getByTestId('apply-number'));
    expect(applicationNumber).toMatch(/^SQ\d{14}$/);
    expect(await page.getByTestId('apply-track').getAttribute('href')).toBe(
      `/track?number=${applicationNumber}`,
    );
    await fullShot(page, 'applications-online-submitted');
  });

  it('the community accepts it from 我的待办, the street and the county 民政 approve it', async () => {
    expect(applicationNumber, 'the online application test ran first').not.toBe('');
    const worker = (await session()).page;
    await login(worker, 'worker');
    await actFromQueue(worker, applicationNumber, 'accept', '网上申请材料齐全，予以受理', '已受理');

    const street = (await session()).page;
    await login(street, 'street');
    await actFromQueue(street, applicationNumber, 'approve', '经审核，同意上报', '已通过');

    const civil = (await session()).page;
    await login(civil, 'reviewer');
    await actFromQueue(civil, applicationNumber, 'approve', '符合条件，准予发放', '已通过');
    await civil.getByTestId('result-document').waitFor();
    verificationCode = await textOf(civil.getByTestId('verification-code'));
    expect(verificationCode).toMatch(/^[A-Z0-9]{12}$/);
    expect(await textOf(civil.getByTestId('application-status'))).toBe('已办结（准予）');
    expect(await textOf(civil.getByTestId('application-timeline'))).toContain('网上申请');

    // the approval enrolled her: the register lists her, verified by 民政
    await civil.goto(`/people/${personId}?tab=groups`);
    const badge = civil.getByTestId('value-badge-group.elderly_allowance');
    await expect.poll(() => textOf(badge)).toBe('已核验');
    await badge.hover();
    await expect
      .poll(() => textOf(civil.locator('.ant-popover:not(.ant-popover-hidden)')))
      .toContain('民政');
    await screenshot(civil, 'applications-online-enrolled', { fullPage: false });
  });

  it('she tracks it to 已办结（准予） and the decision’s code checks out', async () => {
    expect(verificationCode, 'the decision test ran first').not.toBe('');
    const { page } = await session();
    await page.goto(`/track?number=${applicationNumber}`);
    await page.getByTestId('track-phone').fill(phone);
    await page.getByTestId('track-submit').click();
    const tracked = page.getByTestId('track-result');
    await tracked.waitFor();
    expect(await textOf(tracked)).toContain('已办结（准予）');
    expect(await textOf(page.getByTestId('verification-code'))).toBe(verificationCode);
    await fullShot(page, 'applications-online-track');

    await page.goto(`/verify?code=${verificationCode}`);
    const verified = page.getByTestId('verify-result');
    await verified.waitFor();
    expect(await verified.getAttribute('data-valid')).toBe('true');
    expect(await textOf(verified)).toContain('高龄津贴审批决定书');
  });
});

describe('督办看板 and 办件统计', () => {
  it('the county 民政 reads the board by street, drills into a street and back', async () => {
    const { page } = await session();
    await login(page, 'reviewer');
    await openFromMenu(page, '督办看板');
    const table = page.getByTestId('board-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    // the chart, or its note that nothing is late
    await page
      .locator('[data-testid="board-chart"] canvas, [data-testid="board-chart-empty"]')
      .first()
      .waitFor();
    expect(await textOf(page.getByTestId('board-totals'))).toMatch(/在办.*预警.*超期.*待补正/);
    await chartShot(page, 'applications-board');

    const street = table.locator('tr[data-region="320102005"]');
    await street.click();
    await expect.poll(() => textOf(page.getByTestId('region-breadcrumb'))).toContain('玄武门街道');
    await table.locator('tr[data-region="320102005001"]').waitFor();
    await chartShot(page, 'applications-board-street');
    await page.getByTestId('region-breadcrumb').locator('a').first().click();
    await table.locator('tr[data-region="320102005"]').waitFor();
  });

  it('办件统计 by matter, then by region with a drill-down', async () => {
    const { page } = await session();
    await login(page, 'reviewer');
    await openFromMenu(page, '办件统计');
    const table = page.getByTestId('statistics-table');
    const row = table.locator('tr.ant-table-row', { hasText: '高龄津贴申领' });
    await row.waitFor();
    expect(await textOf(row)).toMatch(/\d+(\.\d)?%|—/);
    await page.getByTestId('statistics-volume-chart').locator('canvas').waitFor();
    await chartShot(page, 'applications-statistics');

    await page.getByTestId('statistics-group-by').getByText('区域').click();
    const street = table.locator('tr[data-key="320102005"]');
    await street.waitFor();
    await street.click();
    await table.locator('tr[data-key="320102005001"]').waitFor();
    await chartShot(page, 'applications-statistics-region');
  });
});
