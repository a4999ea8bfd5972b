import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';

/**
 * The repository-layer region filter: the column's code lies inside one of the scopes (code
 * prefixes). No scopes means nothing matches — never everything.
 */
export function withinScopes<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  scopes: readonly string[],
): Expression<SqlBool> {
  if (scopes.length === 0) return sql<SqlBool>`false`;
  return eb.or(scopes.map((scope) => sql<SqlBool>`${sql.ref(column)} LIKE ${`${scope}%`}`));
}
