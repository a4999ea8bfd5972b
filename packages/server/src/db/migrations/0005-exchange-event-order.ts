import { sql, type Kysely } from 'kysely';

/**
 * Outbox events get a strictly increasing insertion number. 0004 ordered the events a sequencer
 * run numbers by `(created_at, id)`, but two events inserted within one clock tick (PGlite's clock
 * is coarse) then fell into random id order; the sequencer now orders by `emitted`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE exchange_event ADD COLUMN emitted bigint GENERATED ALWAYS AS IDENTITY`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN exchange_event.emitted IS
            'Insertion order: the sequencer numbers committed events in this order'`.execute(db);
  await sql`DROP INDEX exchange_event_unsequenced_idx`.execute(db);
  await sql`CREATE INDEX exchange_event_unsequenced_idx ON exchange_event (emitted)
            WHERE position IS NULL`.execute(db);
}
