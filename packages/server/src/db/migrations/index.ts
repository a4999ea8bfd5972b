import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-community-database';

/** Every migration in order. Append-only: a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-community-database': m0002,
};
