import {
  agreementProblems,
  agreementValidity,
  chinaDate,
  DomainError,
  findDataElement,
  isWithin,
  requirePermission,
  requirePermissionAt,
  type CreateAgreementBody,
  type CreateExchangeClientBody,
  type CreateSubscriptionBody,
  type ExchangeClientCredentials,
  type ExchangeLogEntryView,
  type ExchangeLogQuery,
  type SharingAgreementView,
  type SubscriptionCredentials,
  type WebhookDeliveryView,
  type WebhookSubscriptionView,
} from '@shequ/core';
import { sql, type Kysely } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import { withChange, type ChangeContext } from '../../db/change-context';
import { isUniqueViolation } from '../../db/pg-errors';
import type { Database, WebhookDeliveryStatus } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { findDepartment } from '../departments/departments.repository';
import { findRegion } from '../regions/regions.repository';
import { feedHead, queueDeliveries } from './exchange-events.repository';
import { listExchangeLog, verifyExchangeLog } from './exchange-log.repository';
import { termsOf } from './exchange.repository';
import { hashClientSecret, newClientId, newSecret } from './exchange-secrets';
import * as repo from './exchange.repository';
import type { WebhookService } from './webhook.service';

function clientView(row: repo.ExchangeClientRow) {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    regionCode: row.region_code,
    status: row.status,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

function subscriptionView(row: repo.SubscriptionListRow): WebhookSubscriptionView {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    clientName: row.client_name,
    purposeCode: row.purpose_code,
    url: row.url,
    status: row.status,
    pending: Number(row.pending ?? 0),
    delivered: Number(row.delivered ?? 0),
    failed: Number(row.failed ?? 0),
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

/**
 * Administration of the exchange by the informatization administrator: clients (the secret is
 * shown once), sharing agreements, webhook subscriptions and their deliveries (`exchange:manage`,
 * inside the grant's region subtree: a client belongs to its department's region), and the
 * exchange log (`exchange:log`). Changes are governed (history) and audited.
 */
export class ExchangeAdminService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly webhooks: WebhookService,
  ) {}

  private change(ctx: ActorContext, reason?: string | null): ChangeContext {
    return {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source: 'form',
      reason: reason ?? null,
      at: this.clock(),
    };
  }

  /** The client, if it lies in the caller's `exchange:manage` scopes; NOT_FOUND otherwise. */
  private async visibleClient(ctx: ActorContext, id: string) {
    const scopes = requirePermission(ctx.actor, 'exchange:manage');
    const client = await repo.findClient(this.db, id);
    if (!client || !scopes.some((s) => isWithin(client.region_code, s))) {
      throw new DomainError('NOT_FOUND', '没有该客户端', [
        { path: 'clientRef', message: '客户端不存在或不在您的管辖范围内' },
      ]);
    }
    return client;
  }

  private async visibleAgreement(ctx: ActorContext, id: string) {
    const scopes = requirePermission(ctx.actor, 'exchange:manage');
    const agreement = await repo.findAgreement(this.db, id);
    const client = agreement && (await repo.findClient(this.db, agreement.exchange_client_id));
    if (!agreement || !client || !scopes.some((s) => isWithin(client.region_code, s))) {
      throw new DomainError('NOT_FOUND', '没有该共享协议', [
        { path: 'agreementId', message: '共享协议不存在或不在您的管辖范围内' },
      ]);
    }
    return agreement;
  }

  private async visibleSubscription(ctx: ActorContext, id: string) {
    const scopes = requirePermission(ctx.actor, 'exchange:manage');
    const subscription = await repo.findSubscription(this.db, id);
    if (!subscription || !scopes.some((s) => isWithin(subscription.client_region_code, s))) {
      throw new DomainError('NOT_FOUND', '没有该订阅');
    }
    return subscription;
  }

  private agreementView(row: repo.AgreementRow): SharingAgreementView {
    return {
      id: row.id,
      clientRef: row.exchange_client_id,
      clientId: row.client_id,
      clientName: row.client_name,
      purposeCode: row.purpose_code,
      purpose: row.purpose,
      elementCodes: row.element_codes,
      elementNames: row.element_codes.map((c) => findDataElement(c)?.name ?? c),
      regionCode: row.region_code,
      regionName: row.region_name,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      rateLimitPerMinute: row.rate_limit_per_minute,
      status: row.status,
      validNow: agreementValidity(termsOf(row), chinaDate(this.clock())) === 'valid',
      endedAt: row.ended_at?.toISOString() ?? null,
      endReason: row.end_reason,
      createdAt: row.created_at.toISOString(),
      version: row.version,
    };
  }

  // --- clients ---

  async createClient(
    ctx: ActorContext,
    input: CreateExchangeClientBody,
  ): Promise<ExchangeClientCredentials> {
    requirePermission(ctx.actor, 'exchange:manage');
    const department = await findDepartment(this.db, input.departmentId);
    if (!department) {
      throw new DomainError('VALIDATION', '所属部门不存在', [
        { path: 'departmentId', message: '所属部门不存在' },
      ]);
    }
    requirePermissionAt(ctx.actor, 'exchange:manage', department.region_code);
    const secret = newSecret();
    const secretHash = await hashClientSecret(secret);
    const id = await withChange(this.db, this.change(ctx), async (tx) => {
      const { id } = await repo.insertClient(tx, {
        client_id: newClientId(),
        name: input.name,
        department_id: department.id,
        region_code: department.region_code,
        secret_hash: secretHash,
        created_by: ctx.actor.userId,
      });
      await this.audit.record(tx, ctx, {
        action: 'exchange.client.create',
        targetType: 'exchange_client',
        targetId: id,
        regionCode: department.region_code,
        detail: { name: input.name, departmentId: department.id },
      });
      return id;
    });
    return { client: clientView((await repo.findClient(this.db, id))!), clientSecret: secret };
  }

  async listClients(
    ctx: ActorContext,
    query: { status?: 'active' | 'disabled' | undefined; page: number; pageSize: number },
  ) {
    const scopes = requirePermission(ctx.actor, 'exchange:manage');
    const { rows, total } = await repo.listClients(
      this.db,
      { scopes, status: query.status },
      query.page,
      query.pageSize,
    );
    return { items: rows.map(clientView), total, page: query.page, pageSize: query.pageSize };
  }

  /** Disables a client: its tokens stop working at once, and so does everything it was given. */
  async disableClient(ctx: ActorContext, id: string, reason: string) {
    const client = await this.visibleClient(ctx, id);
    requirePermissionAt(ctx.actor, 'exchange:manage', client.region_code);
    await withChange(this.db, this.change(ctx, reason), async (tx) => {
      await repo.updateClient(
        tx,
        id,
        null,
        { status: 'disabled', disabled_reason: reason },
        this.clock(),
      );
      await repo.revokeClientTokens(tx, id);
      await this.audit.record(tx, ctx, {
        action: 'exchange.client.disable',
        targetType: 'exchange_client',
        targetId: id,
        regionCode: client.region_code,
        detail: { reason },
      });
    });
    return clientView((await repo.findClient(this.db, id))!);
  }

  /** Issues a new secret (shown once); the old one and every token issued with it stop working. */
  async resetSecret(ctx: ActorContext, id: string): Promise<ExchangeClientCredentials> {
    const client = await this.visibleClient(ctx, id);
    const secret = newSecret();
    const secretHash = await hashClientSecret(secret);
    await withChange(this.db, this.change(ctx, '重置客户端密钥'), async (tx) => {
      await repo.updateClient(tx, id, null, { secret_hash: secretHash }, this.clock());
      await repo.revokeClientTokens(tx, id);
      await this.audit.record(tx, ctx, {
        action: 'exchange.client.reset_secret',
        targetType: 'exchange_client',
        targetId: id,
        regionCode: client.region_code,
      });
    });
    return { client: clientView((await repo.findClient(this.db, id))!), clientSecret: secret };
  }

  // --- agreements ---

  async createAgreement(
    ctx: ActorContext,
    input: CreateAgreementBody,
  ): Promise<SharingAgreementView> {
    const client = await this.visibleClient(ctx, input.clientRef);
    if (client.status !== 'active') {
      throw new DomainError('CONFLICT', '客户端已停用，不能签订共享协议', [
        { path: 'clientRef', message: '客户端已停用' },
      ]);
    }
    const problems = agreementProblems(input);
    if (problems.length > 0) throw new DomainError('VALIDATION', problems[0]!.message, problems);
    const region = await findRegion(this.db, input.regionCode);
    if (!region || region.valid_to !== null) {
      throw new DomainError('VALIDATION', '区域不存在或已撤销', [
        { path: 'regionCode', message: '区域不存在或已撤销' },
      ]);
    }
    // the administrator can share only what lies in their own subtree
    requirePermissionAt(ctx.actor, 'exchange:manage', input.regionCode);
    try {
      const id = await withChange(this.db, this.change(ctx), async (tx) => {
        const { id } = await repo.insertAgreement(tx, {
          exchange_client_id: client.id,
          purpose_code: input.purposeCode,
          purpose: input.purpose,
          element_codes: input.elementCodes,
          region_code: input.regionCode,
          valid_from: input.validFrom,
          valid_to: input.validTo,
          rate_limit_per_minute: input.rateLimitPerMinute,
          created_by: ctx.actor.userId,
        });
        await this.audit.record(tx, ctx, {
          action: 'exchange.agreement.create',
          targetType: 'sharing_agreement',
          targetId: id,
          regionCode: input.regionCode,
          detail: {
            clientRef: client.id,
            purposeCode: input.purposeCode,
            elementCodes: input.elementCodes,
            validFrom: input.validFrom,
            validTo: input.validTo,
          },
        });
        return id;
      });
      return this.agreementView((await repo.findAgreement(this.db, id))!);
    } catch (error) {
      if (isUniqueViolation(error)) {
        const message = `该客户端已有用途为“${input.purposeCode}”的有效协议，请先终止它`;
        throw new DomainError('CONFLICT', message, [{ path: 'purposeCode', message }]);
      }
      throw error;
    }
  }

  async listAgreements(
    ctx: ActorContext,
    query: {
      clientRef?: string | undefined;
      status?: 'active' | 'ended' | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    const scopes = requirePermission(ctx.actor, 'exchange:manage');
    const { rows, total } = await repo.listAgreements(
      this.db,
      { scopes, clientRef: query.clientRef, status: query.status },
      query.page,
      query.pageSize,
    );
    return {
      items: rows.map((r) => this.agreementView(r)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async endAgreement(ctx: ActorContext, id: string, reason: string, version?: number) {
    const agreement = await this.visibleAgreement(ctx, id);
    if (agreement.status === 'ended') {
      throw new DomainError('CONFLICT', '共享协议已终止');
    }
    await withChange(this.db, this.change(ctx, reason), async (tx) => {
      const ended = await repo.endAgreement(
        tx,
        id,
        version ?? agreement.version,
        reason,
        this.clock(),
      );
      if (!ended) throw new DomainError('CONFLICT', '该协议已被他人修改，请刷新后重试');
      await this.audit.record(tx, ctx, {
        action: 'exchange.agreement.end',
        targetType: 'sharing_agreement',
        targetId: id,
        regionCode: agreement.region_code,
        detail: { reason },
      });
    });
    return this.agreementView((await repo.findAgreement(this.db, id))!);
  }

  // --- subscriptions ---

  async createSubscription(
    ctx: ActorContext,
    input: CreateSubscriptionBody,
  ): Promise<SubscriptionCredentials> {
    const agreement = await this.visibleAgreement(ctx, input.agreementId);
    if (agreement.status !== 'active') {
      throw new DomainError('CONFLICT', '共享协议已终止，不能订阅', [
        { path: 'agreementId', message: '共享协议已终止' },
      ]);
    }
    const secret = newSecret();
    const id = await withChange(this.db, this.change(ctx), async (tx) => {
      const { id } = await repo.insertSubscription(tx, {
        agreement_id: agreement.id,
        url: input.url,
        secret: this.cipher.encrypt(secret),
        created_by: ctx.actor.userId,
      });
      await this.audit.record(tx, ctx, {
        action: 'exchange.subscription.create',
        targetType: 'webhook_subscription',
        targetId: id,
        regionCode: agreement.region_code,
        detail: { agreementId: agreement.id, url: input.url },
      });
      return id;
    });
    return {
      subscription: subscriptionView((await repo.findSubscription(this.db, id))!),
      secret,
    };
  }

  async listSubscriptions(
    ctx: ActorContext,
    query: { agreementId?: string | undefined; page: number; pageSize: number },
  ) {
    const scopes = requirePermission(ctx.actor, 'exchange:manage');
    const { rows, total } = await repo.listSubscriptions(
      this.db,
      { scopes, agreementId: query.agreementId },
      query.page,
      query.pageSize,
    );
    return { items: rows.map(subscriptionView), total, page: query.page, pageSize: query.pageSize };
  }

  async disableSubscription(ctx: ActorContext, id: string, reason: string) {
    const subscription = await this.visibleSubscription(ctx, id);
    await withChange(this.db, this.change(ctx, reason), async (tx) => {
      await repo.setSubscriptionStatus(tx, id, 'disabled', this.clock());
      await this.audit.record(tx, ctx, {
        action: 'exchange.subscription.disable',
        targetType: 'webhook_subscription',
        targetId: id,
        regionCode: subscription.client_region_code,
        detail: { reason },
      });
    });
    return subscriptionView((await repo.findSubscription(this.db, id))!);
  }

  /** The delivery log of a subscription, newest event first, each with its attempts. */
  async listDeliveries(
    ctx: ActorContext,
    subscriptionId: string,
    query: { status?: WebhookDeliveryStatus | undefined; page: number; pageSize: number },
  ) {
    await this.visibleSubscription(ctx, subscriptionId);
    const { rows, attempts, total } = await repo.listDeliveries(
      this.db,
      subscriptionId,
      query.status,
      query.page,
      query.pageSize,
    );
    const items: WebhookDeliveryView[] = rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      eventId: r.event_id,
      position: Number(r.position),
      eventType: r.event_type,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
      lastStatus: r.last_status,
      lastError: r.last_error,
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      attemptLog: attempts
        .filter((a) => a.delivery_id === r.id)
        .map((a) => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          statusCode: a.status_code,
          error: a.error,
          durationMs: a.duration_ms,
        })),
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Sends one delivery again now (same event id). */
  async replayDelivery(ctx: ActorContext, deliveryId: string) {
    const delivery = await repo.findDelivery(this.db, deliveryId);
    if (!delivery) throw new DomainError('NOT_FOUND', '没有该投递记录');
    const subscription = await this.visibleSubscription(ctx, delivery.subscription_id);
    await this.webhooks.replayDelivery(deliveryId);
    await this.audit.record(null, ctx, {
      action: 'exchange.delivery.replay',
      targetType: 'webhook_delivery',
      targetId: deliveryId,
      regionCode: subscription.client_region_code,
    });
    return { scheduled: 1 };
  }

  /**
   * Sends every event after a feed position to the subscription again (those it never had are
   * queued, delivered or failed ones re-queued), each with its own event id.
   */
  async replaySubscription(ctx: ActorContext, id: string, fromPosition: number) {
    const subscription = await this.visibleSubscription(ctx, id);
    const now = this.clock();
    const head = await feedHead(this.db);
    const scheduled = await this.db.transaction().execute(async (tx) => {
      const requeued = await sql`
        UPDATE webhook_delivery d SET status = 'pending', next_attempt_at = ${now}, queued_at = ${now}
        FROM exchange_event e
        WHERE e.id = d.event_id AND d.subscription_id = ${id} AND e.position > ${fromPosition}
          AND d.status <> 'pending'`.execute(tx);
      const queued =
        head > fromPosition
          ? await queueDeliveries(tx, { from: fromPosition + 1, to: head }, now, chinaDate(now), id)
          : 0;
      await this.audit.record(tx, ctx, {
        action: 'exchange.subscription.replay',
        targetType: 'webhook_subscription',
        targetId: id,
        regionCode: subscription.client_region_code,
        detail: { fromPosition },
      });
      return Number(requeued.numAffectedRows ?? 0) + queued;
    });
    return { scheduled };
  }

  // --- the exchange log ---

  async listLog(ctx: ActorContext, query: ExchangeLogQuery) {
    const scopes = requirePermission(ctx.actor, 'exchange:log');
    // entries of unknown clients (failed token requests) belong to the province level
    const includeUnplaced = scopes.some((s) => s.length === 2);
    const { rows, total } = await listExchangeLog(
      this.db,
      {
        scopes,
        includeUnplaced,
        clientRef: query.clientRef,
        outcome: query.outcome,
        from: query.from,
        to: query.to,
      },
      query.page,
      query.pageSize,
    );
    await this.audit.record(null, ctx, {
      action: 'exchange.log.read',
      targetType: 'exchange_log',
      detail: { filter: query, returned: rows.length },
    });
    const items: ExchangeLogEntryView[] = rows.map((r) => ({
      seq: r.seq,
      at: r.at.toISOString(),
      requestId: r.request_id,
      clientRef: r.exchange_client_id,
      clientId: r.client_id,
      clientName: r.client_name,
      agreementId: r.agreement_id,
      regionCode: r.region_code,
      method: r.method,
      path: r.path,
      purpose: r.purpose,
      caseRef: r.case_ref,
      endUser: r.end_user,
      requestHash: r.request_hash,
      responseHash: r.response_hash,
      statusCode: r.status_code,
      outcome: r.outcome,
      reason: r.reason,
      detail: r.detail ?? null,
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async verifyLog(ctx: ActorContext) {
    requirePermission(ctx.actor, 'exchange:log');
    const verdict = await verifyExchangeLog(this.db);
    await this.audit.record(null, ctx, {
      action: 'exchange.log.verify',
      targetType: 'exchange_log',
      detail: verdict,
    });
    return verdict;
  }
}
