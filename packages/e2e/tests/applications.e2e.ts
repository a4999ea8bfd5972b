import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, createDepartmentReviewer } from './support/accounts';
import {
  expectCjkGlyphs,
  login,
  openFromMenu,
  screenshot,
  settle,
  textOf,
  useBrowser,
} from './support/browser';
import { xuanwuIdNumber } from './support/residents';

const { session } = useBrowser();

const BAIZITING = '320102005001'; // 百子亭社区, 玄武门街道, 玄武区
const XUANWU = '320102';
const MATTER = 'elderly_allowance_claim'; // 高龄津贴申领
/** The smallest PDF a reader opens: one empty page. */
const ONE_PAGE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A real 1×1 PNG: the scan of a bank card copy, as small as a scan can be. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const given = ['明', '华', '芳', '静', '伟', '丽', '强', '敏', '军', '燕', '杰', '娟'];
const pick = () => given[randomInt(given.length)]!;

interface QueueItem {
  id: string;
  version: number;
  elementCode: string;
  person: { id: string };
}

/**
 * Finds a person's value in a verifier's queue. The queue runs oldest due date first and the demo
 * residents fill it, so a value collected just now is on the last pages: read from the end.
 */
async function queueItem(verifier: ApiSession, personId: string, elementCode: string) {
  const query = `elementCode=${encodeURIComponent(elementCode)}&regionCode=${BAIZITING}`;
  const { total } = await verifier.call<{ total: number }>(
    'GET',
    `/api/verification/queue?${query}&pageSize=1`,
  );
  for (let page = Math.max(1, Math.ceil(total / 200)); page >= 1; page--) {
    const { items } = await verifier.call<{ items: QueueItem[] }>(
      'GET',
      `/api/verification/queue?${query}&pageSize=200&page=${page}`,
    );
    const found = items.find((i) => i.person.id === personId && i.elementCode === elementCode);
    if (found) return found;
  }
  throw new Error(`${elementCode} of ${personId} is not in the queue`);
}

const content = (page: Page) => page.locator('.ant-layout-content');
const modal = (page: Page) =>
  page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal');
const formItem = (page: Page, label: string) =>
  page.locator('[data-testid="intake-form"] .ant-form-item', {
    has: page.locator('.ant-form-item-label', { hasText: label }),
  });

/** A full-page picture is taken from the top, so the sticky header stays at the top of it. */
async function fullShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** Opens an application from 我的待办 and approves it with an opinion. */
async function approveFromQueue(page: Page, number: string, opinion: string): Promise<void> {
  await openFromMenu(page, '我的待办');
  const row = page.locator(`[data-testid="application-queue"] tr[data-number="${number}"]`);
  await row.waitFor();
  expect(await textOf(row)).toContain('高龄津贴申领');
  await row.click();
  await page.getByTestId('action-panel').waitFor();
  await page.getByTestId('action-approve').click();
  await modal(page).getByTestId('action-opinion').fill(opinion);
  await modal(page).getByTestId('action-confirm').click();
  await expect.poll(() => textOf(page.locator('.ant-message'))).toContain('已通过');
}

describe('一站受理', () => {
  const phone = `139${String(randomInt(10_000_000, 100_000_000))}`;
  const applicantName = `严${pick()}${pick()}`;
  const { idNumber, birthDate } = xuanwuIdNumber(1941);
  let applicationNumber = '';
  let verificationCode = '';

  beforeAll(async () => {
    // the community recorded the resident; 公安 has verified her birth date and her 本市户籍
    const worker = await ApiSession.login('worker');
    const person = await worker.call<{ id: string }>('POST', '/api/people', {
      name: applicantName,
      idNumber,
      regionCode: BAIZITING,
      residenceType: 'registered',
      phone,
      registeredAddress: '南京市玄武区百子亭 12 号',
      currentAddress: '南京市玄武区百子亭 12 号 2 单元 301 室',
    });
    const police = await ApiSession.login(
      await createDepartmentReviewer('public_security', XUANWU, '吴公安'),
    );
    for (const code of ['person.birthDate', 'person.residenceType']) {
      const item = await queueItem(police, person.id, code);
      await police.call('POST', `/api/verification/values/${item.id}/decision`, {
        action: 'confirm',
        version: item.version,
      });
    }
  });

  it('a community worker takes a 高龄津贴 application at the window: prefilled with sources, materials waived, receipt printed', async () => {
    const { page } = await session();
    await login(page, 'worker');
    await openFromMenu(page, '窗口受理');

    // ① the matter, with its guide in a drawer
    const card = page.locator(`[data-testid="matter-card"][data-code="${MATTER}"]`);
    await card.waitFor();
    expect(await textOf(card)).toContain('15 个工作日');
    await card.getByTestId('matter-guide').click();
    const drawer = page.getByTestId('matter-drawer');
    await drawer.getByTestId('matter-conditions').waitFor();
    const guide = await textOf(drawer);
    for (const text of ['年满 80 周岁', '老年人权益保障法', '申请人本人银行卡', '县民政审批'])
      expect(guide).toContain(text);
    await settle(page);
    await screenshot(page, 'applications-matter-guide', { fullPage: false });
    await page.getByTestId('matter-drawer-choose').click();

    // ② the applicant, found by ID number
    await page.getByTestId('person-search').locator('input').fill(idNumber);
    await page.getByTestId('person-search').locator('input').press('Enter');
    const result = page.locator('[data-testid="person-results"] tr.ant-table-row', {
      hasText: applicantName,
    });
    await result.click();
    await page.getByTestId('person-chosen').waitFor();
    await page.getByTestId('intake-next').click();

    // ③ the form: birth date verified by 公安, phone recorded by the community, bank details typed
    await page.getByTestId('intake-form').waitFor({ state: 'visible' });
    const birth = formItem(page, '出生日期');
    await expect.poll(() => birth.locator('input').inputValue()).toBe(birthDate);
    expect(await textOf(birth.getByTestId('source-verified'))).toMatch(
      /公安.*核验 \d{4}-\d{2}-\d{2}/,
    );
    const phoneItem = page.locator('.ant-form-item', { has: page.getByTestId('field-phone') });
    expect(await page.getByTestId('field-phone').inputValue()).toBe(phone);
    expect(await textOf(phoneItem.getByTestId('source-recorded'))).toBe('社区登记（未核验）');
    expect(await page.getByTestId('sms-phone').inputValue()).toBe(phone);
    await expectCjkGlyphs(page, '[data-testid="intake-form"] .ant-form-item-label');

    // a required field left empty stops the step at that field
    await page.getByTestId('intake-next').click();
    await expect.poll(() => textOf(formItem(page, '开户银行'))).toContain('请填写开户银行');
    await page.getByTestId('field-bankName').fill('南京银行玄武支行');
    await page.getByTestId('field-bankAccount').fill('6222021001112223334');
    await fullShot(page, 'applications-intake-form');
    await page.getByTestId('intake-next').click();

    // ④ materials: ID card and 户口簿 are held (免提交); the bank card copy must be received
    const checklist = page.getByTestId('materials-checklist');
    await checklist.waitFor({ state: 'visible' });
    const row = (code: string) =>
      checklist.locator('tr', { has: page.locator(`[data-code="${code}"]`) });
    expect(await textOf(row('id_card'))).toContain('免提交');
    expect(await textOf(row('household_register'))).toMatch(/免提交.*公安/);
    expect(await textOf(row('bank_card'))).toContain('已收取');
    await page.getByTestId('intake-next').click();
    await expect.poll(() => textOf(row('bank_card'))).toContain('请收取');
    // the bank card copy is scanned at the window: adding the scan ticks it received
    await row('bank_card')
      .locator('input[type=file]')
      .setInputFiles({ name: '银行卡复印件.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
    expect(await page.getByTestId('material-received-bank_card').isChecked()).toBe(true);
    expect(await textOf(row('bank_card'))).toContain('银行卡复印件.png');
    await fullShot(page, 'applications-intake-materials');
    await page.getByTestId('intake-next').click();

    // ⑤ confirm and submit: accepted on the spot, the receipt follows
    const summary = page.getByTestId('intake-summary');
    await summary.waitFor();
    const summaryText = await textOf(summary);
    for (const text of ['高龄津贴申领', applicantName, '南京银行玄武支行', '申请人本人银行卡'])
      expect(summaryText).toContain(text);
    expect(summaryText).toContain('（扫描件 1 个）');
    await fullShot(page, 'applications-intake-confirm');
    await page.getByTestId('intake-submit').click();

    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    applicationNumber = await textOf(page.getByTestId('receipt-number'));
    expect(applicationNumber).toMatch(/^SQ\d{14}$/);
    const receiptText = await textOf(receipt);
    for (const text of ['受理回执', '高龄津贴申领', applicantName, '15 个工作日', '居民户口簿'])
      expect(receiptText).toContain(text);
    expect(receiptText).not.toContain(idNumber); // masked
    expect(await textOf(page.getByTestId('receipt-deadline'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await textOf(page.getByTestId('receipt-url'))).toContain(
      `/track?number=${applicationNumber}`,
    );
    await expect
      .poll(() => page.getByTestId('receipt-qr').getAttribute('src'))
      .toMatch(/^data:image\/png;base64,/);
    await fullShot(page, 'applications-receipt');
    // printed, only the receipt goes on paper
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('receipt-print').isVisible()).toBe(false);
    expect(await receipt.isVisible()).toBe(true);
    await screenshot(page, 'applications-receipt-print');
    await page.emulateMedia({ media: 'screen' });

    // on the application's page the window adds what the applicant brings later: two scans of
    // the agent's papers at once, each answered; the material becomes 已收取
    await page.getByRole('button', { name: '查看办件' }).click();
    const materials = page.getByTestId('application-materials');
    await materials.waitFor();
    const agentRow = materials.locator('tr', { hasText: '代理人' });
    expect(await textOf(agentRow)).toContain('未提交');
    await agentRow.locator('input[type=file]').setInputFiles([
      { name: '代理人身份证.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG },
      { name: '委托书.pdf', mimeType: 'application/pdf', buffer: ONE_PAGE_PDF },
    ]);
    await expect.poll(() => textOf(agentRow)).toContain('委托书.pdf');
    await expect.poll(() => textOf(agentRow)).toContain('代理人身份证.png');
    expect(await textOf(agentRow)).toContain('已收取');
    await fullShot(page, 'applications-detail-scans');
  });

  it('the street reviews it and the county 民政 decides it from 我的待办; the decision has a verification code', async () => {
    expect(applicationNumber, 'the intake test ran first').not.toBe('');
    const street = (await session()).page;
    await login(street, 'street');
    await openFromMenu(street, '我的待办');
    await street
      .getByTestId('application-queue')
      .locator(`tr[data-number="${applicationNumber}"]`)
      .waitFor();
    await fullShot(street, 'applications-queue');
    await approveFromQueue(
      street,
      applicationNumber,
      '经审核，申请人年满 80 周岁，户籍在本街道，同意上报',
    );
    await expect
      .poll(() => textOf(street.getByTestId('application-summary')))
      .toContain('县民政审批');
    // no longer the street's step: it may supervise, not decide
    await street.getByTestId('action-supervise').waitFor();
    expect(await street.getByTestId('action-approve').count()).toBe(0);

    const civil = (await session()).page;
    await login(civil, 'reviewer');
    await approveFromQueue(civil, applicationNumber, '符合高龄津贴发放条件，准予发放');
    const document = civil.getByTestId('result-document');
    await document.waitFor();
    expect(await textOf(document)).toContain('高龄津贴审批决定书');
    verificationCode = await textOf(civil.getByTestId('verification-code'));
    expect(verificationCode).toMatch(/^[A-Z0-9]{12}$/);
    expect(await textOf(civil.getByTestId('application-status'))).toBe('已办结（准予）');
    const timeline = await textOf(civil.getByTestId('application-timeline'));
    for (const text of ['社区受理', '街道审核', '县民政审批', '准予发放', '郑民政'])
      expect(timeline).toContain(text);
    await fullShot(civil, 'applications-detail-decided');
    // the scan taken at the window travels with the application to whoever decides it
    const scan = civil
      .getByTestId('application-materials')
      .getByRole('link', { name: /银行卡复印件\.png/ });
    const scanResponse = await civil.request.get((await scan.getAttribute('href'))!);
    expect(scanResponse.status()).toBe(200);
    expect(scanResponse.headers()['content-type']).toBe('image/png');
    expect((await scanResponse.body()).equals(ONE_PIXEL_PNG)).toBe(true);
    // decided: nothing more is attached
    expect(await civil.getByTestId('scan-upload-bank_card').count()).toBe(0);
  });

  it('staff read the service matter catalog and a matter’s guide with its form', async () => {
    const { page } = await session();
    await login(page, 'street');
    await openFromMenu(page, '服务事项');
    const table = page.getByTestId('matters-table');
    const row = table.locator('tr.ant-table-row', { hasText: '高龄津贴申领' });
    await row.waitFor();
    expect(await textOf(row)).toMatch(/养老服务.*民政局.*15 个工作日.*可网上申请/);
    await fullShot(page, 'applications-matters');
    await row.click();
    await page.getByTestId('matter-detail').waitFor();
    const text = await textOf(content(page));
    for (const expected of ['申请条件', '设定依据', '办理环节', '街道审核', '申请表', '出生日期'])
      expect(text).toContain(expected);
    await fullShot(page, 'applications-matter');
  });

  it('the resident tracks it without logging in, and anyone verifies the decision by its code', async () => {
    expect(verificationCode, 'the decision test ran first').not.toBe('');
    const { page } = await session();
    await page.goto('/login');
    await page.getByTestId('login-track').click();
    await page.waitForURL('**/track');

    // the receipt's QR code opens the page with the number filled in; the phone is asked
    await page.goto(`/track?number=${applicationNumber}`);
    expect(await page.getByTestId('track-number').inputValue()).toBe(applicationNumber);
    await page.getByTestId('track-phone').fill('13800000000');
    await page.getByTestId('track-submit').click();
    await expect.poll(() => textOf(page.getByTestId('track-error'))).toContain('未找到');

    await page.getByTestId('track-phone').fill(phone);
    await page.getByTestId('track-submit').click();
    const tracked = page.getByTestId('track-result');
    await tracked.waitFor();
    const text = await textOf(tracked);
    for (const expected of ['已办结（准予）', '高龄津贴申领', '县民政审批', '高龄津贴审批决定书'])
      expect(text).toContain(expected);
    expect(text).not.toContain('郑民政'); // no staff names in public
    expect(await textOf(page.getByTestId('verification-code'))).toBe(verificationCode);
    await fullShot(page, 'applications-track');

    await page.goto(`/verify?code=${verificationCode}`);
    const verified = page.getByTestId('verify-result');
    await verified.waitFor();
    expect(await verified.getAttribute('data-valid')).toBe('true');
    const verifiedText = await textOf(verified);
    for (const expected of ['文书真实有效', '高龄津贴审批决定书', '准予'])
      expect(verifiedText).toContain(expected);
    await fullShot(page, 'applications-verify');

    await page.getByTestId('verify-code').fill('ABCDEFGH2345');
    await page.getByTestId('verify-submit').click();
    await expect
      .poll(() => page.getByTestId('verify-result').getAttribute('data-valid'))
      .toBeNull();
    expect(await textOf(page.getByTestId('verify-result'))).toContain('未能核验');
  });
});
