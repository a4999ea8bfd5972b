import type { AgreementTerms } from '@shequ/core';
import { sql, type Insertable, type Selectable, type SelectQueryBuilder } from 'kysely';
import type {
  ExchangeClientTable,
  ExportJobTable,
  SharingAgreementTable,
  WebhookDeliveryStatus,
  WebhookSubscriptionTable,
} from '../../db/schema';
import { withinScopes } from '../../db/scope';
import type { Executor } from '../audit/audit.repository';

export type ExchangeClientRow = Selectable<ExchangeClientTable> & { department_name: string };
export type AgreementRow = Selectable<SharingAgreementTable> & {
  client_name: string;
  client_id: string;
  region_name: string;
};
export type SubscriptionRow = Selectable<WebhookSubscriptionTable>;
export type ExportJobRow = Selectable<ExportJobTable>;

// --- clients ---

function clients(db: Executor) {
  return db
    .selectFrom('exchange_client as c')
    .innerJoin('department as d', 'd.id', 'c.department_id')
    .selectAll('c')
    .select('d.name as department_name');
}

export async function insertClient(db: Executor, values: Insertable<ExchangeClientTable>) {
  return db.insertInto('exchange_client').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function findClient(db: Executor, id: string): Promise<ExchangeClientRow | undefined> {
  return clients(db).where('c.id', '=', id).executeTakeFirst();
}

export async function findClientByClientId(db: Executor, clientId: string) {
  return db
    .selectFrom('exchange_client')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

export async function listClients(
  db: Executor,
  filter: { scopes: readonly string[]; status?: 'active' | 'disabled' | undefined },
  page: number,
  pageSize: number,
) {
  let query = clients(db).where((eb) => withinScopes(eb, 'c.region_code', filter.scopes));
  if (filter.status) query = query.where('c.status', '=', filter.status);
  return newestFirst(query, 'c', page, pageSize);
}

export async function updateClient(
  db: Executor,
  id: string,
  version: number | null,
  values: { status?: 'active' | 'disabled'; disabled_reason?: string | null; secret_hash?: string },
  at: Date,
) {
  let q = db
    .updateTable('exchange_client')
    .set({ ...values, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  return q.returning('id').executeTakeFirst();
}

// --- tokens ---

export async function insertToken(
  db: Executor,
  values: { token_hash: string; exchange_client_id: string; issued_at: Date; expires_at: Date },
) {
  await db.insertInto('exchange_token').values(values).execute();
}

/** Drops tokens that expired more than a day ago (they are refused anyway). */
export async function purgeExpiredTokens(db: Executor, before: Date) {
  await db.deleteFrom('exchange_token').where('expires_at', '<', before).execute();
}

export async function revokeClientTokens(db: Executor, exchangeClientId: string) {
  await db
    .deleteFrom('exchange_token')
    .where('exchange_client_id', '=', exchangeClientId)
    .execute();
}

/** The active client whose unexpired token hashes to this. */
export async function findClientByToken(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('exchange_token as t')
    .innerJoin('exchange_client as c', 'c.id', 't.exchange_client_id')
    .selectAll('c')
    .where('t.token_hash', '=', tokenHash)
    .where('t.expires_at', '>', now)
    .where('c.status', '=', 'active')
    .executeTakeFirst();
}

// --- agreements ---

function agreements(db: Executor) {
  return db
    .selectFrom('sharing_agreement as a')
    .innerJoin('exchange_client as c', 'c.id', 'a.exchange_client_id')
    .innerJoin('region as r', 'r.code', 'a.region_code')
    .selectAll('a')
    .select(['c.name as client_name', 'c.client_id', 'r.name as region_name']);
}

export async function insertAgreement(db: Executor, values: Insertable<SharingAgreementTable>) {
  return db
    .insertInto('sharing_agreement')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findAgreement(db: Executor, id: string): Promise<AgreementRow | undefined> {
  return agreements(db).where('a.id', '=', id).executeTakeFirst();
}

/** The client's active agreement for a purpose (at most one, by a unique index). */
export async function findActiveAgreement(
  db: Executor,
  exchangeClientId: string,
  purposeCode: string,
): Promise<AgreementRow | undefined> {
  return agreements(db)
    .where('a.exchange_client_id', '=', exchangeClientId)
    .where('a.purpose_code', '=', purposeCode)
    .where('a.status', '=', 'active')
    .executeTakeFirst();
}

export async function listAgreements(
  db: Executor,
  filter: {
    scopes: readonly string[];
    clientRef?: string | undefined;
    status?: 'active' | 'ended' | undefined;
  },
  page: number,
  pageSize: number,
) {
  let query = agreements(db).where((eb) => withinScopes(eb, 'c.region_code', filter.scopes));
  if (filter.clientRef) query = query.where('a.exchange_client_id', '=', filter.clientRef);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  return newestFirst(query, 'a', page, pageSize);
}

export async function endAgreement(
  db: Executor,
  id: string,
  version: number,
  reason: string,
  at: Date,
) {
  return db
    .updateTable('sharing_agreement')
    .set({
      status: 'ended',
      ended_at: at,
      end_reason: reason,
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .returning('id')
    .executeTakeFirst();
}

// --- subscriptions and deliveries ---

export async function insertSubscription(
  db: Executor,
  values: Insertable<WebhookSubscriptionTable>,
) {
  return db
    .insertInto('webhook_subscription')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
}

function subscriptions(db: Executor) {
  return db
    .selectFrom('webhook_subscription as s')
    .innerJoin('sharing_agreement as a', 'a.id', 's.agreement_id')
    .innerJoin('exchange_client as c', 'c.id', 'a.exchange_client_id')
    .selectAll('s')
    .select([
      'c.name as client_name',
      'c.region_code as client_region_code',
      'a.purpose_code',
      (eb) =>
        eb
          .selectFrom('webhook_delivery as d')
          .whereRef('d.subscription_id', '=', 's.id')
          .where('d.status', '=', 'pending')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('pending'),
      (eb) =>
        eb
          .selectFrom('webhook_delivery as d')
          .whereRef('d.subscription_id', '=', 's.id')
          .where('d.status', '=', 'delivered')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('delivered'),
      (eb) =>
        eb
          .selectFrom('webhook_delivery as d')
          .whereRef('d.subscription_id', '=', 's.id')
          .where('d.status', '=', 'failed')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('failed'),
    ]);
}

export type SubscriptionListRow = Awaited<
  ReturnType<ReturnType<typeof subscriptions>['executeTakeFirstOrThrow']>
>;

export async function findSubscription(db: Executor, id: string) {
  return subscriptions(db).where('s.id', '=', id).executeTakeFirst();
}

export async function listSubscriptions(
  db: Executor,
  filter: { scopes: readonly string[]; agreementId?: string | undefined },
  page: number,
  pageSize: number,
) {
  let query = subscriptions(db).where((eb) => withinScopes(eb, 'c.region_code', filter.scopes));
  if (filter.agreementId) query = query.where('s.agreement_id', '=', filter.agreementId);
  return newestFirst(query, 's', page, pageSize);
}

export async function setSubscriptionStatus(
  db: Executor,
  id: string,
  status: 'active' | 'disabled',
  at: Date,
) {
  return db
    .updateTable('webhook_subscription')
    .set({ status, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function listDeliveries(
  db: Executor,
  subscriptionId: string,
  status: WebhookDeliveryStatus | undefined,
  page: number,
  pageSize: number,
) {
  let query = db
    .selectFrom('webhook_delivery as d')
    .innerJoin('exchange_event as e', 'e.id', 'd.event_id')
    .where('d.subscription_id', '=', subscriptionId);
  if (status) query = query.where('d.status', '=', status);
  const [rows, count] = await Promise.all([
    query
      .selectAll('d')
      .select(['e.position', 'e.type as event_type'])
      .orderBy('e.position', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const attempts =
    rows.length === 0
      ? []
      : await db
          .selectFrom('webhook_attempt')
          .selectAll()
          .where(
            'delivery_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('delivery_id')
          .orderBy('attempt')
          .execute();
  return { rows, attempts, total: Number(count.n) };
}

export async function findDelivery(db: Executor, id: string) {
  return db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirst();
}

// --- export jobs ---

export async function insertExportJob(db: Executor, values: Insertable<ExportJobTable>) {
  return db.insertInto('export_job').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findOwnExportJob(db: Executor, exchangeClientId: string, id: string) {
  return db
    .selectFrom('export_job')
    .selectAll()
    .where('id', '=', id)
    .where('exchange_client_id', '=', exchangeClientId)
    .executeTakeFirst();
}

/** Claims the oldest queued export (or one left running by a stopped process). */
export async function claimExportJob(db: Executor, now: Date, staleBefore: Date) {
  const rows = await sql<{ id: string }>`
    UPDATE export_job SET status = 'running', started_at = ${now}
    WHERE id = (
      SELECT id FROM export_job
      WHERE status = 'queued' OR (status = 'running' AND started_at < ${staleBefore})
      ORDER BY created_at LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id`.execute(db);
  return rows.rows[0]?.id;
}

export async function findExportJob(db: Executor, id: string) {
  return db.selectFrom('export_job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function finishExportJob(
  db: Executor,
  id: string,
  values:
    | { status: 'done'; file_path: string; file_size: number; file_hash: string; row_count: number }
    | { status: 'failed'; error: string },
  at: Date,
) {
  await db
    .updateTable('export_job')
    .set({ ...values, finished_at: at })
    .where('id', '=', id)
    .execute();
}

/** An agreement row as core's agreement rules read it. */
export function termsOf(a: AgreementRow): AgreementTerms {
  return {
    status: a.status,
    elementCodes: a.element_codes,
    regionCode: a.region_code,
    validFrom: a.valid_from,
    validTo: a.valid_to,
  };
}

/** A page of a configuration list, newest first, with the total: clients, agreements, subscriptions. */
async function newestFirst<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  alias: 'a' | 'c' | 's',
  page: number,
  pageSize: number,
) {
  const [rows, count] = await Promise.all([
    query
      .orderBy(sql.ref(`${alias}.created_at`), 'desc')
      .orderBy(sql.ref(`${alias}.id`))
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    // the count of the same filters: no order, no page
    query
      .clearSelect()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow() as Promise<{
      n: string;
    }>,
  ]);
  return { rows, total: Number(count.n) };
}
