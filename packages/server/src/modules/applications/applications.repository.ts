import type { ApplicationState, Role } from '@shequ/core';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type { ApplicationTable, Database } from '../../db/schema';
import type { Executor } from '../audit/audit.repository';

/** The SQL of applications: rows, the work queue, the timeline, documents. */

export type ApplicationRow = Selectable<ApplicationTable>;

/** Where a holder of `application:work` works: a role over a subtree, for a department type. */
export interface WorkReach {
  role: Role;
  scope: string;
  departmentType: string | null;
  departmentId: string | null;
  departmentName: string | null;
}

export function stateOf(row: ApplicationRow): ApplicationState {
  return {
    status: row.status,
    stepIndex: row.step_index,
    waitingOn: row.waiting_on,
    acceptedOn: row.accepted_on,
    pauses: row.pauses as ApplicationState['pauses'],
    extensions: row.extensions,
    pendingExtension: row.pending_extension as ApplicationState['pendingExtension'],
  };
}

/** Applications whose current step one of these reaches works: the work queue's condition. */
export function assignedTo(
  eb: ExpressionBuilder<Database & { a: ApplicationTable }, 'a'>,
  reaches: readonly WorkReach[],
): Expression<SqlBool> {
  if (reaches.length === 0) return sql<SqlBool>`false`;
  return eb.or(
    reaches.map((r) =>
      eb.and([
        eb('a.step_role', '=', r.role),
        eb('a.step_region_code', 'like', `${r.scope}%`),
        r.departmentType
          ? sql<SqlBool>`a.waiting_on @> ARRAY[${r.departmentType}]::text[]`
          : sql<SqlBool>`cardinality(a.waiting_on) = 0`,
      ]),
    ),
  );
}

export function applicationsWithNames(db: Executor) {
  return db
    .selectFrom('application as a')
    .innerJoin('region as r', 'r.code', 'a.region_code')
    .innerJoin('service_matter as m', 'm.id', 'a.matter_id')
    .selectAll('a')
    .select(['r.name as region_name', 'm.name as matter_name']);
}

export type ApplicationListRow = Awaited<
  ReturnType<ReturnType<typeof applicationsWithNames>['execute']>
>[number];

export async function findApplication(db: Executor, id: string) {
  return applicationsWithNames(db).where('a.id', '=', id).executeTakeFirst();
}

export async function lockApplication(db: Executor, id: string) {
  return db
    .selectFrom('application')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function nextApplicationSequence(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('application_number_seq') AS n`.execute(
    db,
  );
  return Number(rows[0]!.n);
}

export async function timelineOf(db: Executor, applicationId: string) {
  return db
    .selectFrom('application_action')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function documentOf(db: Executor, applicationId: string) {
  return db
    .selectFrom('result_document')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

/** Open applications of an applicant for a matter (the duplicate guard). */
export async function openApplicationsOf(db: Executor, documentBidx: string, matterCode: string) {
  return db
    .selectFrom('application')
    .select(['id', 'number', 'status', 'submitted_at'])
    .where('applicant_document_bidx', '=', documentBidx)
    .where('matter_code', '=', matterCode)
    .where('status', 'in', ['submitted', 'processing', 'supplement'])
    .orderBy('submitted_at')
    .execute();
}

/** The active accounts that work a step: its role over a subtree holding the region, its department. */
export async function usersWorking(
  db: Executor,
  role: string,
  regionCode: string,
  departmentTypes: readonly string[],
): Promise<string[]> {
  let query = db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .leftJoin('department as d', 'd.id', 'g.department_id')
    .select('u.id')
    .distinct()
    .where('g.role', '=', role)
    .where('g.revoked_at', 'is', null)
    .where('u.status', '=', 'active')
    .where(sql<SqlBool>`${regionCode} LIKE g.region_code || '%'`);
  if (departmentTypes.length > 0) {
    query = query.where(sql<SqlBool>`d.type_code = ANY(${departmentTypes}::text[])`);
  }
  return (await query.execute()).map((r) => r.id);
}
