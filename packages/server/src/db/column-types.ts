import type { ColumnType } from 'kysely';

/** Column types shared by the table interfaces of `schema.ts` and `schema-governance.ts`. */

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Calendar dates stay `YYYY-MM-DD` strings end to end (see docs/DATABASE.md). */
export type CalendarDate = ColumnType<string, string, string>;

/** The stamps of governed tables: creation, last change and the optimistic version. */
export type Stamps = {
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: ColumnType<number, number | undefined, number>;
};
