import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeElderlyApplication } from '../../test/factories';
import { createTestApp, testEngine, type TestApp } from '../../test/harness';
import { REFUSALS_PER_ADDRESS, REFUSALS_PER_NUMBER } from './public-lookups';

/** Lookups without an account cannot be used to guess a phone number or a verification code. */
describe(`public lookups refuse guessing (${testEngine})`, () => {
  let t: TestApp;
  let number: string;
  const phone = '13612345678';
  const track = (n: string, p: string) =>
    t.agent().get(`/api/public/applications/track?number=${n}&phone=${p}`);

  beforeAll(async () => {
    t = await createTestApp();
    const { agent: worker } = await loginAs(t, 'community_worker', '320102005001');
    ({ number } = await makeElderlyApplication(worker, {
      name: '孙玉珍',
      birth: '19390709',
      phone,
    }));
  });
  afterAll(async () => t?.close());

  it('stops tracking a number after repeated wrong phones, for a minute, then answers again', async () => {
    expect((await track(number, phone)).statusCode).toBe(200);
    for (let i = 0; i < REFUSALS_PER_NUMBER; i++) {
      expect((await track(number, `1390000000${i}`)).statusCode).toBe(404);
    }
    // even the right phone waits: the number is being guessed at
    const blocked = await track(number, phone);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ detail: '查询失败次数过多，请一分钟后再试' });
    t.clock.advance(61_000);
    expect((await track(number, phone)).statusCode).toBe(200);
  });

  it('stops an address that keeps failing, across numbers and document codes', async () => {
    t.clock.advance(61_000);
    for (let i = 0; i < REFUSALS_PER_ADDRESS; i++) {
      const code = `WRONGCODE${String(i).padStart(3, '0')}`;
      expect((await t.agent().get(`/api/public/documents/${code}`)).statusCode).toBe(404);
    }
    expect((await t.agent().get('/api/public/documents/WRONGCODE999')).statusCode).toBe(429);
    expect((await track(number, phone)).statusCode).toBe(429);
    t.clock.advance(61_000);
    expect((await track(number, phone)).statusCode).toBe(200);
  });
});
