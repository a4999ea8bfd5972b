import { codeSets } from '@shequ/core';
import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository';

/**
 * Writes the national code sets shipped in core into `code_set` / `code_item`, so reports and other
 * systems reading the database see the same tables with their sources. Idempotent.
 */
export async function syncCodeSets(db: Executor): Promise<void> {
  for (const set of codeSets) {
    await db
      .insertInto('code_set')
      .values({ id: set.id, name: set.name, source: set.source })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: set.name, source: set.source }))
      .execute();
    await db
      .insertInto('code_item')
      .values(
        set.items.map((item, i) => ({
          set_id: set.id,
          code: item.code,
          name: item.name,
          sort_order: i,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['set_id', 'code']).doUpdateSet({
          name: sql`excluded.name`,
          sort_order: sql`excluded.sort_order`,
        }),
      )
      .execute();
  }
}
