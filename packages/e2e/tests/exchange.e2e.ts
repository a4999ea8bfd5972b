import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chinaDate, idNumberCheckCharacter } from '@shequ/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './support/accounts';
import {
  baseURL,
  expectCjkGlyphs,
  login,
  openDropdown,
  openFromMenu,
  screenshot,
  textOf,
  useBrowser,
} from './support/browser';

const { session } = useBrowser();

const BAIZITING = '320102005001'; // 百子亭社区, 玄武门街道, 玄武区

/** A valid citizen ID number of a Xuanwu district resident. */
function idNumber(): string {
  const first17 = `320102197${randomInt(10)}0${randomInt(1, 10)}1${randomInt(10)}${randomInt(100, 999)}`;
  return first17 + idNumberCheckCharacter(first17);
}

const given = ['明', '华', '芳', '静', '伟', '丽', '强', '敏', '军', '燕', '杰', '娟'];
const pick = () => given[randomInt(given.length)]!;

const content = (page: Page) => page.locator('.ant-layout-content');
const message = (page: Page) => page.locator('.ant-message');
const modal = (page: Page) =>
  page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal');
const drawer = (page: Page) => page.locator('.ant-drawer-open .ant-drawer-content-wrapper');

/** Closes notifications and waits for messages to go, so they do not cover the next picture. */
async function clearToasts(page: Page): Promise<void> {
  for (const close of await page.locator('.ant-notification-notice-close').all())
    await close.click().catch(() => undefined);
  await expect
    .poll(() => page.locator('.ant-message-notice, .ant-notification-notice').count(), {
      timeout: 10_000,
    })
    .toBe(0);
}

/** A dialog or drawer is pictured once its opening animation is over. */
async function dialogShot(page: Page, name: string): Promise<void> {
  await clearToasts(page);
  // antd's motion classes (ant-zoom-appear, ant-drawer-panel-motion-right-enter …) come off at the end
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('.ant-modal, .ant-drawer-content-wrapper')].filter(
            (element) =>
              /-(appear|enter|leave)/.test(element.className) ||
              element.getAnimations({ subtree: true }).some((a) => a.playState === 'running'),
          ).length,
      ),
    )
    .toBe(0);
  await screenshot(page, name, { fullPage: false });
}

/** A full-page picture is taken from the top, so the sticky header stays at the top of it. */
async function fullShot(page: Page, name: string): Promise<void> {
  await clearToasts(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/**
 * Picks an option of an antd select by the text it shows (typed into the search box first when
 * `type` is given) and checks the field shows it; a click while the popup opens is retried.
 */
async function choose(
  page: Page,
  field: Locator,
  text: string,
  { type }: { type?: string } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await page.keyboard.press('Escape');
    await field.click();
    if (type) await field.locator('input').fill(type);
    const option = openDropdown(page).locator('.ant-select-item-option', { hasText: text });
    await option.first().waitFor({ timeout: 10_000 });
    await option.first().click();
    try {
      await expect.poll(() => textOf(field), { timeout: 3_000 }).toContain(text);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Checks one element in the agreement's element tree, found by typing its name. */
async function checkElement(page: Page, field: Locator, name: string): Promise<void> {
  await field.click();
  await field.locator('input').fill(name);
  const popup = page.locator('.ant-tree-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  const node = popup.locator(`.ant-select-tree-node-content-wrapper[title="${name}"]`);
  await node.waitFor({ timeout: 10_000 });
  await node.click();
  await expect.poll(() => textOf(field)).toContain(name);
}

/** Types a date into an antd DatePicker and confirms it. */
async function fillDate(page: Page, input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  // Tab, not Enter: Enter would submit the dialog's form
  await input.press('Tab');
  await expect.poll(() => input.inputValue()).toBe(date);
}

/** A webhook receiver on the loopback interface: records every POST with its raw body. */
interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}
function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/shequ/webhook`, received });
    });
  });
}

/** The department system's side: a token by client credentials, then one request. */
async function machineRequest(
  credentials: { clientId: string; clientSecret: string },
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; purpose: string; endUser: string },
): Promise<number> {
  const token = await fetch(`${baseURL()}/api/exchange/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }).toString(),
  });
  expect(token.status, await token.clone().text()).toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const response = await fetch(`${baseURL()}/api/exchange/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${access_token}`,
      'x-shequ-purpose': encodeURIComponent(init.purpose).replace(/%3A/gi, ':'),
      'x-shequ-end-user': encodeURIComponent(init.endUser),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return response.status;
}

describe('数据交换', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('the informatization administrator registers a client, signs an agreement, subscribes a webhook and reads the exchange log', async () => {
    const { page } = await session();
    const tag = randomBytes(3).toString('hex');
    const clientName = `玄武区民政局低保系统-${tag}`;
    const purposeCode = `dibao-review-${tag}`;

    await login(page, 'infoadmin');
    await openFromMenu(page, '接入系统');
    await expectCjkGlyphs(page, '.ant-layout-sider .ant-menu');

    // ① 登记接入系统: the secret is shown once, and the dialog stays until it is stored
    await page.getByTestId('client-new').click();
    const form = modal(page);
    await form.waitFor();
    await page.getByTestId('client-name').fill(clientName);
    await choose(page, form.getByTestId('client-department'), '玄武区民政局', {
      type: '玄武区民政',
    });
    await dialogShot(page, 'exchange-1-client-form');
    await form.locator('.ant-modal-footer .ant-btn-primary').click();

    const secretModal = page.getByTestId('secret-modal');
    await secretModal.waitFor();
    const clientId = await textOf(page.getByTestId('secret-client-id'));
    const clientSecret = await textOf(page.getByTestId('secret-client-secret'));
    expect(clientId).toMatch(/^sqc_/);
    expect(clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(await textOf(secretModal)).toContain('密钥只显示这一次');
    expect(await page.getByTestId('secret-close').isDisabled()).toBe(true);
    await dialogShot(page, 'exchange-2-client-secret');
    await page.getByTestId('secret-stored').click();
    await page.getByTestId('secret-close').click();
    await secretModal.waitFor({ state: 'hidden' });

    const clients = page.getByTestId('client-table');
    const clientRow = clients.locator('tr.ant-table-row', { hasText: clientName });
    await expect.poll(() => textOf(clientRow)).toContain(clientId);
    expect(await textOf(clientRow)).toContain('启用');
    // once closed, the secret is nowhere on the page
    expect(await textOf(page.locator('body'))).not.toContain(clientSecret);
    await fullShot(page, 'exchange-3-clients');

    // ② 签订共享协议, from the client's row (the client is picked already)
    await clientRow.getByTestId('client-agreements').click();
    await expect.poll(() => page.url()).toContain('/exchange-agreements?clientRef=');
    await page.getByTestId('agreement-new').click();
    const agreementForm = modal(page);
    await agreementForm.waitFor();
    await expect
      .poll(() => textOf(agreementForm.getByTestId('agreement-client')))
      .toContain(clientName);
    await page.getByTestId('agreement-purpose-code').fill(purposeCode);
    await page.getByTestId('agreement-purpose').fill('最低生活保障资格复核');
    const elements = agreementForm.getByTestId('agreement-elements');
    await checkElement(page, elements, '姓名');
    await checkElement(page, elements, '残疾人·残疾等级');
    await page.keyboard.press('Escape');
    await choose(page, agreementForm.getByTestId('agreement-region'), '南京市');
    await fillDate(page, agreementForm.locator('#agreement_validFrom'), chinaDate(new Date()));
    await agreementForm.locator('#agreement_rateLimitPerMinute').fill('120');
    await dialogShot(page, 'exchange-4-agreement-form');
    await agreementForm.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => textOf(message(page))).toContain(`已为「${clientName}」签订协议`);
    await agreementForm.waitFor({ state: 'hidden' });

    const agreementRow = page
      .getByTestId('agreement-table')
      .locator('tr.ant-table-row', { hasText: purposeCode });
    await expect.poll(() => textOf(agreementRow)).toContain('生效中');
    for (const text of ['姓名', '残疾人·残疾等级', '南京市', '长期', '120 次/分钟'])
      expect(await textOf(agreementRow)).toContain(text);
    await fullShot(page, 'exchange-5-agreements');

    // ③ 订阅: the signing secret is shown once, and signs what the receiver gets
    await agreementRow.getByTestId('agreement-subscriptions').click();
    await expect.poll(() => page.url()).toContain('/exchange-subscriptions?agreementId=');
    await page.getByTestId('subscription-new').click();
    const subscriptionForm = modal(page);
    await subscriptionForm.waitFor();
    await expect
      .poll(() => textOf(subscriptionForm.getByTestId('subscription-agreement')))
      .toContain(purposeCode);
    await page.getByTestId('subscription-url').fill(receiver.url);
    await subscriptionForm.locator('.ant-modal-footer .ant-btn-primary').click();
    await secretModal.waitFor();
    const signingSecret = await textOf(page.getByTestId('secret-signing-secret'));
    expect(signingSecret.length).toBeGreaterThanOrEqual(32);
    await dialogShot(page, 'exchange-6-subscription-secret');
    await page.getByTestId('secret-stored').click();
    await page.getByTestId('secret-close').click();
    await secretModal.waitFor({ state: 'hidden' });
    const subscriptionRow = page
      .getByTestId('subscription-table')
      .locator('tr.ant-table-row', { hasText: receiver.url });
    await expect.poll(() => textOf(subscriptionRow)).toContain(clientName);

    // a community worker records a person in 百子亭: the agreement covers the name
    const worker = await ApiSession.login('worker');
    const personName = `钱${pick()}${pick()}`;
    const person = await worker.call<{ id: string }>('POST', '/api/people', {
      name: personName,
      idNumber: idNumber(),
      regionCode: BAIZITING,
    });
    await expect
      .poll(() => receiver.received.filter((r) => r.body.includes(person.id)).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    const delivery = receiver.received.find((r) => r.body.includes(person.id))!;
    const timestamp = String(delivery.headers['x-shequ-timestamp']);
    const expected = `sha256=${createHmac('sha256', signingSecret).update(`${timestamp}.`).update(delivery.body).digest('hex')}`;
    expect(delivery.headers['x-shequ-signature']).toBe(expected);
    expect(delivery.headers['x-shequ-event-id']).toBeTruthy();

    // the department system reads the person (allowed) and asks for an unagreed purpose (refused)
    const credentials = { clientId, clientSecret };
    expect(
      await machineRequest(credentials, `/people/${person.id}`, {
        purpose: `${purposeCode}:苏民低保〔2026〕12号`,
        endUser: '玄武区民政局 王科员',
      }),
    ).toBe(200);
    expect(
      await machineRequest(credentials, `/people/${person.id}`, {
        purpose: 'census-2026',
        endUser: '玄武区民政局 王科员',
      }),
    ).toBe(403);

    // the delivery log of the subscription
    await subscriptionRow.getByTestId('subscription-deliveries').click();
    const deliveries = drawer(page);
    await deliveries.waitFor();
    const delivered = deliveries.locator('tr.ant-table-row', { hasText: '已送达' });
    await expect.poll(() => delivered.count()).toBeGreaterThan(0);
    expect(await textOf(delivered.first())).toContain('value.collected');
    await dialogShot(page, 'exchange-7-deliveries');
    await deliveries.locator('.ant-drawer-close').click();
    await deliveries.waitFor({ state: 'hidden' });

    // ④ 交换日志: both requests, with purpose and end user; the chain holds
    await openFromMenu(page, '交换日志');
    const log = page.getByTestId('exchange-log-table');
    const entries = log.locator('tr.ant-table-row', { hasText: clientName });
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(3);
    const allowed = entries.filter({ hasText: '已允许' }).filter({ hasText: purposeCode });
    await expect.poll(() => allowed.count()).toBeGreaterThanOrEqual(1);
    const allowedText = await textOf(allowed.first());
    for (const text of ['GET', `/api/exchange/v1/people/${person.id}`, '王科员', '200'])
      expect(allowedText).toContain(text);
    expect(await entries.filter({ hasText: '已拒绝' }).count()).toBeGreaterThanOrEqual(1);
    await expectCjkGlyphs(page, '[data-testid="exchange-log-table"] thead');
    await page.getByTestId('log-verify').click();
    await expect
      .poll(() => textOf(page.getByTestId('log-verify-result')))
      .toContain('交换日志链完整');
    await fullShot(page, 'exchange-8-log');

    // only the refused requests
    await choose(page, page.getByTestId('log-outcome'), '已拒绝');
    await page.locator('form#exchangeLogFilter button[type=submit]').click();
    await expect.poll(() => page.url()).toContain('outcome=refused');
    const outcomes = () =>
      log
        .locator('tr.ant-table-row [data-outcome]')
        .evaluateAll((tags) => [...new Set(tags.map((tag) => tag.getAttribute('data-outcome')))]);
    await expect.poll(outcomes).toEqual(['refused']);
    await fullShot(page, 'exchange-9-log-refused');
  });

  it('the audit administrator reads the exchange log and checks its chain, but administers nothing', async () => {
    const { page } = await session();
    await login(page, 'auditadmin');
    const menu = page.locator('.ant-layout-sider .ant-menu-root');
    await expect.poll(() => textOf(menu)).toContain('交换日志');
    for (const item of ['接入系统', '共享协议', '事件订阅'])
      expect(await textOf(menu)).not.toContain(item);
    await openFromMenu(page, '交换日志');
    const entries = page.getByTestId('exchange-log-table').locator('tr.ant-table-row');
    await expect.poll(() => entries.count()).toBeGreaterThan(0);
    // without exchange:manage the client filter offers the clients the entries name
    await page.getByTestId('log-client').click();
    await expect
      .poll(() => openDropdown(page).locator('.ant-select-item-option').count())
      .toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('log-verify').click();
    await expect
      .poll(() => textOf(page.getByTestId('log-verify-result')))
      .toContain('交换日志链完整');
    await fullShot(page, 'exchange-8b-log-auditor');
    // the administration pages are refused
    await page.goto('/exchange-clients');
    await expect.poll(() => textOf(content(page))).toContain('无权访问');
  });

  it('a 民政 reviewer compares a file of disability grades: a match, a mismatch and an unknown ID number', async () => {
    // two registered disabled residents of grade 2, recorded by the community worker
    const worker = await ApiSession.login('worker');
    const residents: { id: string; name: string; idNumber: string }[] = [];
    for (const surname of ['孙', '周']) {
      const number = idNumber();
      const name = `${surname}${pick()}${pick()}`;
      const created = await worker.call<{ id: string }>('POST', '/api/people', {
        name,
        idNumber: number,
        regionCode: BAIZITING,
      });
      await worker.call('POST', `/api/people/${created.id}/groups`, {
        groupCode: 'disabled',
        startDate: '2024-01-01',
        attributes: { certificateNumber: `${number}42`, category: '4', grade: '2' },
      });
      residents.push({ id: created.id, name, idNumber: number });
    }
    const [same, differs] = residents as [(typeof residents)[0], (typeof residents)[0]];
    const unknown = idNumber();
    const fileName = `民政残疾等级比对-${randomBytes(3).toString('hex')}.csv`;
    const csv = [
      '证件号码,数据元,值',
      `${same.idNumber},group.disabled.grade,二级`,
      `${differs.idNumber},group.disabled.grade,1`,
      `${unknown},group.disabled.grade,二级`,
    ].join('\r\n');

    const { page } = await session();
    await login(page, 'reviewer');
    await openFromMenu(page, '批量比对');
    const format = page.getByTestId('comparison-format');
    await expect.poll(() => textOf(format)).toContain('证件号码');
    expect(await textOf(format)).toContain('group.disabled.grade');
    await expectCjkGlyphs(page, '[data-testid="comparison-format"] thead');

    // the example file is made in the browser
    const [example] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('comparison-example').click(),
    ]);
    expect(example.suggestedFilename()).toBe('批量比对示例.csv');
    const exampleText = await readFile((await example.path())!, 'utf8');
    expect(exampleText.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('证件号码,数据元,值');

    await page
      .getByTestId('comparison-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect.poll(() => textOf(content(page))).toContain(fileName);
    await fullShot(page, 'exchange-10-comparison-file');
    const uploaded = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().includes('/api/comparisons?'),
    );
    await page.getByTestId('comparison-start').click();
    expect((await uploaded).headers()['content-type']).toBe('text/csv');

    const row = page.getByTestId('comparison-jobs').locator('tr.ant-table-row', {
      hasText: fileName,
    });
    await expect
      .poll(() => row.getByTestId('comparison-status').getAttribute('data-status'), {
        timeout: 60_000,
      })
      .toBe('done');
    const counts = async () =>
      Promise.all(
        ['matched', 'mismatched', 'unknownSubject', 'invalid'].map((key) =>
          textOf(row.getByTestId(`comparison-${key}`)),
        ),
      );
    expect(await counts()).toEqual(['1', '1', '1', '0']);
    expect(await textOf(row)).toContain('已完成');
    await expect.poll(() => textOf(page.locator('.ant-notification'))).toContain('比对完成');
    await clearToasts(page);
    await fullShot(page, 'exchange-11-comparison-done');

    // the detail file holds only the rows that need attention, without ID numbers
    const [detail] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId('comparison-download').click(),
    ]);
    expect(detail.suggestedFilename()).toMatch(/^比对结果-民政残疾等级比对-.+\.csv$/);
    const lines = (await readFile((await detail.path())!, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('原行号,数据元,数据元名称,部门值,平台值,比对结果,说明');
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => line.startsWith('3,') && line.includes('不一致'))).toBe(true);
    expect(lines.some((line) => line.startsWith('4,') && line.includes('查无此人'))).toBe(true);
    expect(lines.join('\n')).not.toContain(differs.idNumber);

    // to the open discrepancy the mismatch raised
    await row.getByTestId('comparison-discrepancies').click();
    await expect.poll(() => page.url()).toContain('/discrepancies?status=open');
    const raised = page
      .getByTestId('discrepancy-table')
      .locator('tr.ant-table-row', { hasText: differs.name });
    await expect.poll(() => textOf(raised)).toContain('一级');
    expect(await textOf(raised)).toContain('二级');
    await fullShot(page, 'exchange-12-comparison-discrepancy');
  });
});
