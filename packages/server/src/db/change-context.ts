import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

/** How a change entered: the history shows it beside each entry. */
export type ChangeSource =
  | 'form'
  | 'import'
  | 'merge'
  | 'api'
  | 'seed'
  | 'cli'
  | 'test'
  | 'verification'
  | 'ruling'
  | 'comparison'
  | 'application';

/** Who changes the governed tables, how and why (see migration 0002). */
export interface ChangeContext {
  actorId: string | null;
  actorName: string;
  source: ChangeSource;
  reason?: string | null;
  jobId?: string | null;
  at: Date;
}

/**
 * Declares the change context for the rest of the transaction. The history triggers refuse any
 * write to a governed table in a transaction that has not declared one.
 */
export async function declareChange(
  tx: Transaction<Database>,
  change: ChangeContext,
): Promise<void> {
  const value = JSON.stringify({
    actorId: change.actorId,
    actorName: change.actorName,
    source: change.source,
    reason: change.reason ?? null,
    jobId: change.jobId ?? null,
    at: change.at.toISOString(),
  });
  await sql`SELECT set_config('shequ.change', ${value}, true)`.execute(tx);
}

/** Runs `work` in one transaction that has declared `change`. */
export function withChange<T>(
  db: Kysely<Database>,
  change: ChangeContext,
  work: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await declareChange(tx, change);
    return work(tx);
  });
}
