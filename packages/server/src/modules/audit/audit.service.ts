import type { AuditOutcome } from '@shequ/core';
import { requirePermission, isWithin } from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ActorContext, RequestContext } from '../../http/context';
import {
  appendAuditEvent,
  appendAuditEvents,
  listAuditEvents,
  verifyAuditChain,
  type AuditFilter,
  type AuditInput,
  type Executor,
} from './audit.repository';

export interface AuditFact {
  action: string;
  outcome?: AuditOutcome;
  targetType?: string | null;
  targetId?: string | null;
  regionCode?: string | null;
  detail?: unknown;
  /** For events without a signed-in actor (failed logins): whom the attempt named. */
  actorName?: string;
  actorId?: string | null;
}

/** Writes and reads the audit trail. Reading it is itself audited. */
export class AuditService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  private pending: { input: AuditInput; now: Date; done: (error?: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;

  /**
   * Records a fact about the request: in the caller's transaction when one is given (so the fact
   * and the change commit together), otherwise through group commit — concurrent requests' entries
   * are appended in one transaction, and each caller resumes once its entry is durable.
   */
  async record(executor: Executor | null, ctx: RequestContext, fact: AuditFact): Promise<void> {
    const input = this.inputOf(ctx, fact);
    const now = this.clock();
    if (executor) {
      await appendAuditEvent(executor, input, now);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ input, now, done: (error) => (error ? reject(error) : resolve()) });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, 500);
        try {
          await appendAuditEvents(this.db, batch);
          for (const entry of batch) entry.done();
        } catch (error) {
          for (const entry of batch) entry.done(error);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private inputOf(ctx: RequestContext, fact: AuditFact): AuditInput {
    const actor = ctx.actor;
    const activeGrant = actor?.grants.find((g) => g.id === actor.activeGrantId) ?? actor?.grants[0];
    return {
      actorId: fact.actorId !== undefined ? fact.actorId : (actor?.userId ?? null),
      actorName: fact.actorName ?? actor?.username ?? 'anonymous',
      role: activeGrant?.role ?? null,
      action: fact.action,
      targetType: fact.targetType ?? null,
      targetId: fact.targetId ?? null,
      regionCode:
        fact.regionCode !== undefined ? fact.regionCode : (ctx.session?.currentRegionCode ?? null),
      purpose: ctx.purpose,
      outcome: fact.outcome ?? 'success',
      requestId: ctx.requestId,
      clientIp: ctx.clientIp,
      detail: fact.detail ?? null,
    };
  }

  async list(
    ctx: ActorContext,
    filter: Omit<AuditFilter, 'scopes' | 'includeUnplaced'>,
    page: number,
    pageSize: number,
  ) {
    const scopes = requirePermission(ctx.actor, 'audit:read');
    // entries with no place (e.g. a failed login naming an unknown account) belong to the province level
    const includeUnplaced = scopes.some((s) => s.length === 2);
    const result = await listAuditEvents(
      this.db,
      { ...filter, scopes, includeUnplaced },
      page,
      pageSize,
    );
    await this.record(null, ctx, {
      action: 'audit.read',
      targetType: 'audit_event',
      detail: { filter, page, returned: result.rows.length },
    });
    return result;
  }

  async verify(ctx: ActorContext) {
    const scopes = requirePermission(ctx.actor, 'audit:read');
    const verdict = await verifyAuditChain(this.db);
    await this.record(null, ctx, {
      action: 'audit.verify',
      targetType: 'audit_event',
      regionCode:
        scopes.find(
          (s) => ctx.session.currentRegionCode && isWithin(ctx.session.currentRegionCode, s),
        ) ??
        scopes[0] ??
        null,
      detail: verdict,
    });
    return verdict;
  }
}
