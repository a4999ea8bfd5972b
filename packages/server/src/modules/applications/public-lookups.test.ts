import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeElderlyApplication } from '../../test/factories';
import { buildApp } from '../../app';
import { Agent, createTestApp, testEngine, type TestApp } from '../../test/harness';
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

  it('counts lookups sent at once: a burst of wrong phones gets at most the limit through', async () => {
    t.clock.advance(61_000);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => track(number, `1370000${String(i).padStart(4, '0')}`)),
    );
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 404)).toHaveLength(REFUSALS_PER_NUMBER);
    expect(codes.filter((c) => c === 429)).toHaveLength(20 - REFUSALS_PER_NUMBER);
  });

  it('behind a proxy, takes the address the proxy saw, not one the client wrote', async () => {
    t.clock.advance(61_000);
    const proxied = await buildApp({ services: t.services, logLevel: 'silent', trustProxy: true });
    try {
      const agent = new Agent(proxied);
      const codes: number[] = [];
      for (let i = 0; i <= REFUSALS_PER_ADDRESS; i++) {
        // the client puts a new address first each time; the proxy appends the real one
        const forwarded = { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` };
        const code = `FORGED${String(i).padStart(6, '0')}`;
        codes.push((await agent.get(`/api/public/documents/${code}`, forwarded)).statusCode);
      }
      expect(codes.slice(0, REFUSALS_PER_ADDRESS).every((c) => c === 404)).toBe(true);
      expect(codes.at(-1)).toBe(429);
    } finally {
      await proxied.close();
    }
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
