import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { canonicalJson, requestHashPrefix, type ExchangeReceipt } from '@shequ/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPerson,
  exchangeWorld,
  MachineClient,
  makeAgreement,
  registerClient,
  sha256,
} from '../../test/exchange';
import { createTestApp, type TestApp } from '../../test/harness';
import { verifyExchangeLog } from './exchange-log.repository';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../../../bin/shequ.mjs');

/** What a client can check on its own: the receipt's hash over its content. */
function receiptHashOk(receipt: ExchangeReceipt): boolean {
  const { hash, ...content } = receipt;
  return sha256(canonicalJson(content)) === hash;
}

describe('the exchange log: receipts and tamper evidence', () => {
  let t: TestApp;
  let client: MachineClient;
  let stranger: MachineClient;
  let personId: string;
  let idNumber: string;

  beforeAll(async () => {
    t = await createTestApp({ onDisk: true });
    const w = await exchangeWorld(t);
    const a = await registerClient(w.admin, w.departmentId, '甲系统');
    const b = await registerClient(w.admin, w.departmentId, '乙系统');
    await makeAgreement(w.admin, a.clientRef);
    await makeAgreement(w.admin, b.clientRef);
    client = new MachineClient(t, a.clientId, a.clientSecret);
    stranger = new MachineClient(t, b.clientId, b.clientSecret);
    const person = await createPerson(w.worker);
    personId = person.id;
    idNumber = person.idNumber;
  });
  afterAll(async () => t?.close());

  it('gives a client a receipt that matches what it sent and what it was answered', async () => {
    const read = await client.get(`/people/${personId}`);
    expect(read.statusCode).toBe(200);
    const lookup = await client.post('/people/lookup', { idNumber });
    expect(lookup.statusCode).toBe(200);

    for (const [response, method, url] of [
      [read, 'GET', `/api/exchange/v1/people/${personId}`],
      [lookup, 'POST', '/api/exchange/v1/people/lookup'],
    ] as const) {
      const requestId = String(response.headers['x-shequ-request-id']);
      const answer = await client.get(`/receipts/${requestId}`);
      expect(answer.statusCode, answer.body).toBe(200);
      const receipt = answer.json() as ExchangeReceipt;
      // the answer it holds hashes to what the platform recorded sending
      expect(receipt.responseHash).toBe(sha256(response.rawPayload));
      // and what it sent hashes to what the platform recorded receiving
      const sent = client.headerValues();
      const purpose = sent['x-shequ-purpose'];
      const endUser = sent['x-shequ-end-user'];
      expect(receipt.requestHash).toBe(
        sha256(requestHashPrefix(method, url, purpose, endUser) + response.sentBody),
      );
      expect(receipt).toMatchObject({
        requestId,
        method,
        path: url,
        statusCode: 200,
        outcome: 'allowed',
        purpose: 'dibao-review',
        caseRef: '苏民低保〔2026〕12号',
        endUser: '玄武区民政局 王科员',
      });
      expect(receiptHashOk(receipt)).toBe(true);
      // a different answer would not match it
      expect(receipt.responseHash).not.toBe(sha256(`${response.body} `));
    }
  });

  it('chains each receipt to the entry before it', async () => {
    const first = await client.get(`/people/${personId}`);
    const second = await client.get(`/people/${personId}`);
    const r1 = (
      await client.get(`/receipts/${String(first.headers['x-shequ-request-id'])}`)
    ).json() as ExchangeReceipt;
    const r2 = (
      await client.get(`/receipts/${String(second.headers['x-shequ-request-id'])}`)
    ).json() as ExchangeReceipt;
    // the two reads were logged one after the other, each linked to the one before
    expect(r2.seq).toBe(r1.seq + 1);
    expect(r2.prevHash).toBe(r1.hash);
  });

  it('keeps one client from fetching another client’s receipts', async () => {
    const read = await client.get(`/people/${personId}`);
    const answer = await stranger.get(`/receipts/${String(read.headers['x-shequ-request-id'])}`);
    expect(answer.statusCode).toBe(404);
    expect(answer.body).not.toContain(personId);
  });

  it('refuses every change to the log, to the application and to the owner alike', async () => {
    for (const statement of [
      sql`UPDATE exchange_log SET status_code = 200 WHERE seq = 1`,
      sql`DELETE FROM exchange_log WHERE seq = 1`,
      sql`TRUNCATE exchange_log`,
    ]) {
      await expect(statement.execute(t.db.db)).rejects.toThrow(/permission denied|append-only/);
    }
    await expect(
      t.db.asOwner((db) =>
        sql`UPDATE exchange_log SET status_code = 200 WHERE seq = 1`.execute(db),
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.asOwner((db) => sql`DELETE FROM exchange_log WHERE seq = 1`.execute(db)),
    ).rejects.toThrow(/append-only/);
  });

  it('names the entry changed behind the application’s back (shequ exchange verify)', async () => {
    expect(await verifyExchangeLog(t.db.db)).toMatchObject({ ok: true });
    const refused = await client.get(`/people/${personId}?elements=person.phone`);
    expect(refused.statusCode).toBe(403);
    const target = await t.db.db
      .selectFrom('exchange_log')
      .select('seq')
      .where('request_id', '=', String(refused.headers['x-shequ-request-id']))
      .executeTakeFirstOrThrow();
    // someone with the owner's credentials turns the refusal into an allowed read
    await t.db.asOwner(async (db) => {
      await sql`ALTER TABLE exchange_log DISABLE TRIGGER exchange_log_append_only`.execute(db);
      await sql`UPDATE exchange_log SET outcome = 'allowed', status_code = 200
                WHERE seq = ${target.seq}`.execute(db);
      await sql`ALTER TABLE exchange_log ENABLE TRIGGER exchange_log_append_only`.execute(db);
    });
    expect(await verifyExchangeLog(t.db.db)).toEqual({
      ok: false,
      checked: target.seq - 1,
      brokenSeq: target.seq,
      reason: 'hash',
    });

    // the CLI opens the database itself: PGlite files may have one process at a time
    await t.db.disconnect();
    const result = await run(process.execPath, [cli, 'exchange', 'verify'], {
      env: { ...process.env, ...t.db.env, LOG_LEVEL: 'silent' },
    }).then(
      (out) => ({ code: 0, stderr: out.stderr }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`第 ${target.seq} 条记录内容与哈希不符`);
  });
});

describe('a removed exchange log entry', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('breaks the link to the entry after it', async () => {
    for (let i = 0; i < 3; i += 1) {
      await t.app.inject({ method: 'GET', url: '/api/exchange/v1/changes' });
    }
    expect(await verifyExchangeLog(t.db.db)).toEqual({ ok: true, checked: 3 });
    await t.db.asOwner(async (db) => {
      await sql`ALTER TABLE exchange_log DISABLE TRIGGER exchange_log_append_only`.execute(db);
      await sql`DELETE FROM exchange_log WHERE seq = 2`.execute(db);
      await sql`ALTER TABLE exchange_log ENABLE TRIGGER exchange_log_append_only`.execute(db);
    });
    expect(await verifyExchangeLog(t.db.db)).toEqual({
      ok: false,
      checked: 1,
      brokenSeq: 3,
      reason: 'link',
    });
  });
});
