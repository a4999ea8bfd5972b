import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-community-database';
import * as m0003 from './0003-data-governance';
import * as m0004 from './0004-exchange';
import * as m0005 from './0005-service-matters';

/** Every migration in order. Append-only: a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-community-database': m0002,
  '0003-data-governance': m0003,
  '0004-exchange': m0004,
  '0005-service-matters': m0005,
};
