import { defaultSecurityPolicy, SecurityPolicy } from '@shequ/core';
import type { Executor } from '../audit/audit.repository';

/** The policy in force: stored values over the defaults; a stored value that no longer parses is ignored. */
export async function loadSecurityPolicy(db: Executor): Promise<SecurityPolicy> {
  return policyOf(await db.selectFrom('security_setting').select(['key', 'value']).execute());
}

/** The policy the stored settings make (see loadSecurityPolicy). */
export function policyOf(rows: readonly { key: string; value: unknown }[]): SecurityPolicy {
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = row.value;
  const merged = { ...defaultSecurityPolicy };
  for (const key of Object.keys(defaultSecurityPolicy) as (keyof SecurityPolicy)[]) {
    if (key in stored) {
      const candidate = SecurityPolicy.safeParse({ ...merged, [key]: stored[key] });
      if (candidate.success) Object.assign(merged, { [key]: candidate.data[key] });
    }
  }
  return merged;
}

export async function saveSecurityPolicy(
  db: Executor,
  policy: SecurityPolicy,
  updatedBy: string | null,
  now: Date,
): Promise<void> {
  for (const [key, value] of Object.entries(policy)) {
    await db
      .insertInto('security_setting')
      .values({ key, value: JSON.stringify(value), updated_by: updatedBy, updated_at: now })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ value: JSON.stringify(value), updated_by: updatedBy, updated_at: now }),
      )
      .execute();
  }
}
