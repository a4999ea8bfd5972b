import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withChange } from '../../db/change-context';
import { loginAs } from '../../test/factories';
import {
  BAIZITING,
  exchangeWorld,
  makeAgreement,
  QINHUAI_COMMUNITY,
  registerClient,
  type ExchangeWorld,
} from '../../test/exchange';
import { createTestApp, type TestApp } from '../../test/harness';
import { Receiver, signatureOk } from '../../test/webhook-receiver';
import { createServices } from '../../services';
import { emitExchangeEvent, type ExchangeEventInput } from './exchange-events.repository';
import { DELIVERY_LEASE_MS } from './webhook.service';

function event(overrides: Partial<ExchangeEventInput> = {}): ExchangeEventInput {
  return {
    type: 'value.ruled',
    personId: null,
    regionCode: BAIZITING,
    elementCodes: ['group.disabled.grade'],
    payload: { elements: { 'group.disabled.grade': { value: '2', status: 'ruled' } } },
    ...overrides,
  };
}

describe('webhooks', () => {
  let t: TestApp;
  let w: ExchangeWorld;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await createTestApp();
    w = await exchangeWorld(t);
  });
  afterAll(async () => t?.close());
  afterEach(async () => receiver?.stop());

  const emit = (e: ExchangeEventInput) =>
    t.db.db.transaction().execute((tx) => emitExchangeEvent(tx, e));

  /** A client, an agreement (overrides) and a subscription to a fresh receiver. */
  async function subscriber(agreement: Record<string, unknown> = {}) {
    // earlier tests' subscribers (their receivers are gone) stop receiving
    await withChange(
      t.db.db,
      { actorId: null, actorName: 'test', source: 'test', at: t.clock() },
      (tx) => tx.updateTable('webhook_subscription').set({ status: 'disabled' }).execute(),
    );
    receiver = new Receiver();
    await receiver.start();
    const c = await registerClient(w.admin, w.departmentId, `订阅方${Math.random()}`);
    const a = await makeAgreement(w.admin, c.clientRef, {
      elementCodes: ['group.disabled.grade', 'person.name'],
      ...agreement,
    });
    const created = await w.admin.post('/api/exchange-admin/subscriptions', {
      agreementId: a.id,
      url: receiver.url,
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as { subscription: { id: string }; secret: string };
    return { agreementId: a.id, subscriptionId: body.subscription.id, secret: body.secret };
  }

  async function deliveries(subscriptionId: string) {
    return t.db.db
      .selectFrom('webhook_delivery')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .execute();
  }

  it('sends a signed event only to subscribers whose agreement covers its elements and region', async () => {
    const sub = await subscriber();
    const expired = await (async () => {
      const c = await registerClient(w.admin, w.departmentId, '过期协议');
      const a = await makeAgreement(w.admin, c.clientRef, {
        validFrom: '2020-01-01',
        validTo: '2020-12-31',
      });
      const s = await w.admin.post('/api/exchange-admin/subscriptions', {
        agreementId: a.id,
        url: receiver.url,
      });
      return (s.json() as { subscription: { id: string } }).subscription.id;
    })();
    const agreed = await emit(event());
    await emit(event({ elementCodes: ['person.ethnicity'], payload: {} }));
    await emit(event({ regionCode: QINHUAI_COMMUNITY }));
    const mixed = await emit(
      event({
        elementCodes: ['person.name', 'person.phone'],
        payload: {
          elements: { 'person.name': { value: '张三' }, 'person.phone': { status: 'collected' } },
          internal: '不外泄',
        },
      }),
    );
    await t.services.exchange.runOnce();

    expect(receiver.received.map((r) => r.headers['x-shequ-event-id'])).toEqual([agreed, mixed]);
    for (const r of receiver.received) {
      expect(signatureOk(sub.secret, r)).toBe(true);
      expect(signatureOk('another secret', r)).toBe(false);
      const body = JSON.parse(r.body) as { eventId: string; elements: Record<string, unknown> };
      expect(body.eventId).toBe(r.headers['x-shequ-event-id']);
      const age = Date.now() / 1000 - Number(r.headers['x-shequ-timestamp']);
      expect(Math.abs(age)).toBeLessThan(3600);
    }
    const last = JSON.parse(receiver.received[1]!.body) as Record<string, unknown>;
    expect(last).toMatchObject({
      elementCodes: ['person.name'],
      elements: { 'person.name': { value: '张三' } },
    });
    expect(receiver.received[1]!.body).not.toContain('person.phone');
    expect(receiver.received[1]!.body).not.toContain('不外泄');
    // the expired agreement's subscriber is sent nothing
    expect(await deliveries(expired)).toEqual([]);
    // each delivery is in the exchange log too, with the hash of what was sent
    const logged = await t.db.db
      .selectFrom('exchange_log')
      .select(['request_id', 'reason', 'status_code', 'path'])
      .where('reason', '=', 'webhook')
      .execute();
    expect(logged.map((l) => l.request_id).sort()).toEqual(
      receiver.received.map((r) => String(r.headers['x-shequ-request-id'])).sort(),
    );
    expect(logged.every((l) => l.status_code === 200 && l.path === receiver.url)).toBe(true);
  });

  it('retries with backoff while the receiver is down, always under the same event id', async () => {
    const sub = await subscriber();
    receiver.answers = [503, 503];
    const id = await emit(event());
    await t.services.exchange.runOnce();
    expect(receiver.received.map((r) => r.answered)).toEqual([503]);
    // not due yet: nothing is sent
    await t.services.exchange.runOnce();
    t.clock.advance(20_000);
    await t.services.exchange.runOnce();
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(11_000);
    await t.services.exchange.runOnce();
    expect(receiver.received.map((r) => r.answered)).toEqual([503, 503]);
    // the wait doubles: 31 s after the second attempt is still too early
    t.clock.advance(25_000);
    await t.services.exchange.runOnce();
    expect(receiver.received).toHaveLength(2);
    t.clock.advance(40_000);
    await t.services.exchange.runOnce();
    expect(receiver.received.map((r) => r.answered)).toEqual([503, 503, 200]);
    expect(new Set(receiver.received.map((r) => r.headers['x-shequ-event-id']))).toEqual(
      new Set([id]),
    );
    t.clock.advance(3600_000);
    await t.services.exchange.runOnce();
    expect(receiver.received).toHaveLength(3);

    w.admin = (await loginAs(t, 'informatization_admin', '3201')).agent;
    const log = await w.admin.get(
      `/api/exchange-admin/subscriptions/${sub.subscriptionId}/deliveries`,
    );
    expect(log.statusCode, log.body).toBe(200);
    const [delivery] = (
      log.json() as { items: { status: string; attemptLog: { statusCode: number }[] }[] }
    ).items;
    expect(delivery).toMatchObject({ status: 'delivered' });
    expect(delivery!.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 200]);
  });

  it('gives up after more than a day of retries, and can be replayed with the same event id', async () => {
    const sub = await subscriber();
    receiver.answers = Array.from({ length: 100 }, () => 503);
    const id = await emit(event());
    const queuedAt = t.clock().getTime();
    await t.services.exchange.runOnce();
    for (let i = 0; i < 60; i += 1) {
      const [d] = await deliveries(sub.subscriptionId);
      if (d!.status !== 'pending') break;
      t.clock.advance(Math.max(0, d!.next_attempt_at.getTime() - t.clock().getTime()) + 1000);
      await t.services.exchange.runOnce();
    }
    const [failed] = await deliveries(sub.subscriptionId);
    expect(failed).toMatchObject({ status: 'failed', last_status: 503 });
    const attempts = receiver.received.length;
    expect(attempts).toBeGreaterThan(8);
    // retried over more than a day, at most six hours apart
    const attemptTimes = await t.db.db
      .selectFrom('webhook_attempt')
      .select('at')
      .where('delivery_id', '=', failed!.id)
      .orderBy('attempt')
      .execute();
    expect(attemptTimes.at(-1)!.at.getTime() - queuedAt).toBeGreaterThan(24 * 3600_000);
    for (let i = 1; i < attemptTimes.length; i += 1) {
      const gap = attemptTimes[i]!.at.getTime() - attemptTimes[i - 1]!.at.getTime();
      expect(gap).toBeLessThanOrEqual(6 * 3600_000 + 2000);
    }
    t.clock.advance(24 * 3600_000);
    await t.services.exchange.runOnce();
    expect(receiver.received).toHaveLength(attempts);

    receiver.answers = [];
    w.admin = (await loginAs(t, 'informatization_admin', '3201')).agent;
    const replay = await w.admin.post(`/api/exchange-admin/deliveries/${failed!.id}/replay`, {});
    expect(replay.statusCode, replay.body).toBe(200);
    await t.services.exchange.runOnce();
    expect(receiver.received.at(-1)).toMatchObject({ answered: 200 });
    expect(receiver.received.at(-1)!.headers['x-shequ-event-id']).toBe(id);
    expect((await deliveries(sub.subscriptionId))[0]).toMatchObject({ status: 'delivered' });

    // replaying the subscription from a position sends its events again, each under its own id
    const { position } = await t.db.db
      .selectFrom('exchange_event')
      .select('position')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const again = await w.admin.post(
      `/api/exchange-admin/subscriptions/${sub.subscriptionId}/replay`,
      {
        fromPosition: Number(position) - 1,
      },
    );
    expect(again.json()).toEqual({ scheduled: 1 });
    await t.services.exchange.runOnce();
    expect(receiver.acknowledged()).toEqual([id, id]);
  });

  it('stops delivering once the agreement has ended', async () => {
    const sub = await subscriber();
    receiver.answers = [503];
    await emit(event());
    await t.services.exchange.runOnce();
    w.admin = (await loginAs(t, 'informatization_admin', '3201')).agent;
    const ended = await w.admin.post(`/api/exchange-admin/agreements/${sub.agreementId}/end`, {
      reason: '停止共享',
    });
    expect(ended.statusCode).toBe(200);
    t.clock.advance(60_000);
    await t.services.exchange.runOnce();
    expect(receiver.received).toHaveLength(1);
    expect((await deliveries(sub.subscriptionId))[0]).toMatchObject({ status: 'cancelled' });
    // and nothing new is queued for it
    await emit(event());
    await t.services.exchange.runOnce();
    expect(await deliveries(sub.subscriptionId)).toHaveLength(1);
  });

  it('survives a restart mid-way: nothing lost, nothing sent again under a new id', async () => {
    const sub = await subscriber();
    receiver.answers = [503, 503, 503];
    const first = [await emit(event()), await emit(event()), await emit(event())];
    await t.services.exchange.runOnce();
    expect(receiver.received.map((r) => r.answered)).toEqual([503, 503, 503]);

    // the first process claims the due retries, then dies before sending them
    t.clock.advance(31_000);
    const claimed = await t.services.exchange.webhooks.claimDue();
    expect(
      claimed
        .filter((d) => d.subscription_id === sub.subscriptionId)
        .map((d) => d.event_id)
        .sort(),
    ).toEqual([...first].sort());

    // a new process on the same database
    const restarted = createServices(t.db.db, t.db.engine, t.clock, t.services.cipher);
    const later = [await emit(event()), await emit(event())];
    await restarted.exchange.runOnce();
    // the new events go out; the claimed ones wait for their lease to run out
    expect(receiver.acknowledged().sort()).toEqual([...later].sort());
    t.clock.advance(DELIVERY_LEASE_MS + 1000);
    await restarted.exchange.runOnce();

    const all = [...first, ...later];
    expect(receiver.acknowledged().sort()).toEqual([...all].sort());
    for (const r of receiver.received) expect(all).toContain(r.headers['x-shequ-event-id']);
    const rows = await deliveries(sub.subscriptionId);
    expect(rows).toHaveLength(all.length);
    expect(rows.every((d) => d.status === 'delivered')).toBe(true);
    t.clock.advance(3600_000);
    await restarted.exchange.runOnce();
    await t.services.exchange.runOnce();
    expect(receiver.acknowledged()).toHaveLength(all.length);
  });
});
