import { createHmac } from 'node:crypto';
import {
  agreementValidity,
  chinaDate,
  eventForAgreement,
  nextWebhookAttempt,
  webhookSignedText,
} from '@shequ/core';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Database, WebhookDeliveryTable } from '../../db/schema';
import { findEvent } from './exchange-events.repository';
import { appendExchangeLog } from './exchange-log.repository';
import { termsOf } from './exchange.repository';
import { sha256Hex } from './exchange-secrets';
import * as repo from './exchange.repository';

type DeliveryRow = Selectable<WebhookDeliveryTable>;

/** How long a claimed delivery is reserved for the process that claimed it. */
export const DELIVERY_LEASE_MS = 2 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** The HMAC-SHA256 signature header value of a body sent at a timestamp (unix seconds). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(webhookSignedText(timestamp, body)).digest('hex')}`;
}

/**
 * Webhook deliveries. Each (subscription, event) is a row in `webhook_delivery`, queued by the
 * sequencer. A worker claims due rows (`FOR UPDATE SKIP LOCKED`, with a lease, so a second process
 * or a restart never loses or double-claims one), POSTs the event signed with the subscription's
 * secret, and records the attempt: delivered on 2xx, otherwise retried with exponential backoff
 * (core `nextWebhookAttempt`) until a day has passed. The event id is the row's stable
 * `X-Shequ-Event-Id`: a retry, a replay or a redelivery after a crash carries the same id.
 */
export class WebhookService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
  ) {}

  /** Reserves up to `limit` due deliveries for this process and counts the attempt. */
  async claimDue(limit = 20): Promise<DeliveryRow[]> {
    const now = this.clock();
    const leaseUntil = new Date(now.getTime() + DELIVERY_LEASE_MS);
    // oldest due first and, among those, in feed order, so a receiver that is up sees events in order
    const rows = await sql<DeliveryRow & { position: number }>`
      WITH due AS (
        SELECT d.id, e.position FROM webhook_delivery d JOIN exchange_event e ON e.id = d.event_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}
        ORDER BY d.next_attempt_at, e.position LIMIT ${limit}
        FOR UPDATE OF d SKIP LOCKED
      ), claimed AS (
        UPDATE webhook_delivery d SET attempts = d.attempts + 1, next_attempt_at = ${leaseUntil}
        FROM due WHERE d.id = due.id
        RETURNING d.*, due.position
      )
      SELECT * FROM claimed ORDER BY position`.execute(this.db);
    return rows.rows;
  }

  /** Claims and attempts every due delivery (a batch at a time); returns how many were tried. */
  async deliverDue(limit = 20): Promise<number> {
    let tried = 0;
    for (;;) {
      const claimed = await this.claimDue(limit);
      for (const delivery of claimed) await this.attempt(delivery);
      tried += claimed.length;
      if (claimed.length < limit) return tried;
    }
  }

  /** One attempt of a claimed delivery. */
  async attempt(delivery: DeliveryRow): Promise<void> {
    const subscription = await repo.findSubscription(this.db, delivery.subscription_id);
    const agreement = subscription
      ? await repo.findAgreement(this.db, subscription.agreement_id)
      : undefined;
    const client = agreement
      ? await repo.findClient(this.db, agreement.exchange_client_id)
      : undefined;
    const event = await findEvent(this.db, delivery.event_id);
    const now = this.clock();
    const today = chinaDate(now);
    const view =
      event && agreement && agreementValidity(termsOf(agreement), today) === 'valid'
        ? eventForAgreement(event, termsOf(agreement))
        : null;
    if (!subscription || subscription.status !== 'active' || client?.status !== 'active' || !view) {
      // the subscription, its client or its agreement has ended: nothing is sent any more
      await this.settle(delivery, {
        status: 'cancelled',
        last_error: '订阅已停用或共享协议已终止、过期，不再投递',
      });
      return;
    }
    const body = JSON.stringify(view);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const requestId = `webhook:${delivery.id}:${delivery.attempts}`;
    const started = Date.now();
    let statusCode: number | null = null;
    let responseText = '';
    let error: string | null = null;
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'shequ-webhook/1',
          'x-shequ-event-id': view.eventId,
          'x-shequ-event-type': view.type,
          'x-shequ-timestamp': timestamp,
          'x-shequ-signature': signWebhook(
            this.cipher.decrypt(subscription.secret),
            timestamp,
            body,
          ),
          'x-shequ-delivery-attempt': String(delivery.attempts),
          'x-shequ-request-id': requestId,
        },
        body,
      });
      statusCode = response.status;
      responseText = (await response.text()).slice(0, 100_000);
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : String(e);
    }
    const durationMs = Date.now() - started;
    const at = this.clock();
    await this.db
      .insertInto('webhook_attempt')
      .values({
        delivery_id: delivery.id,
        attempt: delivery.attempts,
        at,
        status_code: statusCode,
        error,
        duration_ms: durationMs,
      })
      .execute();
    await appendExchangeLog(
      this.db,
      {
        requestId,
        exchangeClientId: client.id,
        clientId: client.client_id,
        agreementId: agreement!.id,
        regionCode: agreement!.region_code,
        method: 'POST',
        path: subscription.url.slice(0, 2000),
        purpose: agreement!.purpose_code,
        caseRef: null,
        endUser: null,
        requestHash: sha256Hex(body),
        responseHash: sha256Hex(responseText),
        statusCode: statusCode ?? 0,
        outcome: error === null ? 'allowed' : 'error',
        reason: 'webhook',
        detail: {
          eventId: view.eventId,
          deliveryId: delivery.id,
          attempt: delivery.attempts,
          ...(error ? { error } : {}),
        },
      },
      at,
    );
    if (error === null) {
      await this.settle(delivery, {
        status: 'delivered',
        delivered_at: at,
        last_status: statusCode,
        last_error: null,
      });
      return;
    }
    const retryAt = nextWebhookAttempt(delivery.queued_at, at);
    await this.settle(
      delivery,
      retryAt
        ? { next_attempt_at: retryAt, last_status: statusCode, last_error: error }
        : {
            status: 'failed',
            last_status: statusCode,
            last_error: `${error}（已重试超过一天，放弃投递）`,
          },
    );
  }

  /**
   * Records the outcome, unless the delivery was claimed again meanwhile (its lease ran out and
   * another worker took it): then that worker's attempt is the one that counts.
   */
  private async settle(
    delivery: DeliveryRow,
    values: {
      status?: 'pending' | 'delivered' | 'failed' | 'cancelled';
      next_attempt_at?: Date;
      last_status?: number | null;
      last_error?: string | null;
      delivered_at?: Date;
    },
  ): Promise<void> {
    await this.db
      .updateTable('webhook_delivery')
      .set(values)
      .where('id', '=', delivery.id)
      .where('attempts', '=', delivery.attempts)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Sends a delivery again now, with the same event id (after a receiver lost it, or gave up). */
  async replayDelivery(id: string): Promise<void> {
    await this.db
      .updateTable('webhook_delivery')
      .set({ status: 'pending', next_attempt_at: this.clock(), queued_at: this.clock() })
      .where('id', '=', id)
      .execute();
  }
}
