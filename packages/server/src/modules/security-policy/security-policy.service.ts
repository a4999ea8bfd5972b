import { requirePermission, type SecurityPolicy } from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { loadSecurityPolicy, saveSecurityPolicy } from './security-policy.repository';

export class SecurityPolicyService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
  ) {}

  get(): Promise<SecurityPolicy> {
    return loadSecurityPolicy(this.db);
  }

  async update(ctx: ActorContext, policy: SecurityPolicy): Promise<SecurityPolicy> {
    const scopes = requirePermission(ctx.actor, 'security_policy:manage');
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const before = await loadSecurityPolicy(trx);
      await saveSecurityPolicy(trx, policy, ctx.actor.userId, now);
      await this.audit.record(trx, ctx, {
        action: 'security_policy.update',
        targetType: 'security_policy',
        regionCode: scopes[0] ?? null,
        detail: { before, after: policy },
      });
      return policy;
    });
  }
}
