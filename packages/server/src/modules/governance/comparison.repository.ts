import type { DataElement } from '@shequ/core';
import { sql, type RawBuilder } from 'kysely';
import type { ComparisonOutcome } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { Executor } from '../audit/audit.repository';
import type { Classified, StagedColumns } from './comparison-rows';
import { personColumns, type MembershipValues } from './governed-values';

/** The SQL of bulk comparisons: jobs, staging, the set-based classification and its writes. */

export function jobsWithDepartment(db: Executor) {
  return db
    .selectFrom('comparison_job as j')
    .innerJoin('department as d', 'd.id', 'j.department_id')
    .selectAll('j')
    .select('d.name as department_name');
}

export async function findJob(db: Executor, id: string) {
  return jobsWithDepartment(db).where('j.id', '=', id).executeTakeFirst();
}

export async function findPeople(db: Executor, subjects: readonly string[]) {
  if (subjects.length === 0) return [];
  return (
    db
      .selectFrom('person')
      .select(['id', 'region_code', 'document_bidx', ...Object.values(personColumns)])
      // one array parameter, not thousands of IN parameters: cheaper to bind and to plan
      .where(sql<boolean>`document_bidx = ANY(${subjects}::text[])`)
      .where('merged_into', 'is', null)
      .execute()
  );
}

export async function findMemberships(db: Executor, personIds: readonly string[]) {
  const out = new Map<string, MembershipValues[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('group_membership')
    .select(['person_id', 'group_code', 'status', 'attention_level', 'attributes'])
    .where(sql<boolean>`person_id = ANY(${personIds}::uuid[])`)
    .where('status', '=', 'active')
    .execute();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r]);
  return out;
}

export async function insertRows(db: Executor, jobId: string, rows: readonly Classified[]) {
  if (rows.length === 0) return;
  const col = <T>(f: (r: Classified) => T) => rows.map(f);
  await sql`
    INSERT INTO comparison_row (job_id, row_no, subject, element_code, their_value, normalized,
                                person_id, our_value, outcome, message)
    SELECT ${jobId}::uuid, u.* FROM unnest(
      ${col((r) => r.rowNo)}::int[], ${col((r) => r.subject)}::text[],
      ${col((r) => r.elementCode)}::text[], ${col((r) => r.theirValue)}::text[],
      ${col((r) => r.normalized)}::text[], ${col((r) => r.personId)}::uuid[],
      ${col((r) => r.ourValue)}::text[], ${col((r) => r.outcome)}::text[],
      ${col((r) => r.message)}::text[]) AS u`.execute(db);
}

/**
 * Matches: values that have a status row count one more corroboration; from the verifier itself
 * a match verifies the value (creating its status row when it had none).
 */
export async function corroborateAll(
  db: Executor,
  department: { id: string; type: string },
  rows: readonly Classified[],
  ctx: ActorContext,
  at: Date,
) {
  const byVerifier = rows.filter((r) => r.element!.verifier === department.type);
  const others = rows.filter((r) => r.element!.verifier !== department.type);
  if (others.length > 0) {
    await sql`
      UPDATE element_value v SET corroborations = v.corroborations + 1, last_corroborated_at = ${at},
        last_corroborated_by = ${department.id}::uuid, updated_at = ${at}, version = v.version + 1
      FROM unnest(${others.map((r) => r.personId)}::uuid[], ${others.map((r) => r.elementCode)}::text[])
        AS m(person_id, element_code)
      WHERE v.person_id = m.person_id AND v.element_code = m.element_code`.execute(db);
  }
  if (byVerifier.length > 0) {
    const matched = sql`unnest(${byVerifier.map((r) => r.personId)}::uuid[],
        ${byVerifier.map((r) => r.elementCode)}::text[], ${byVerifier.map((r) => r.regionCode)}::text[],
        ${byVerifier.map((r) => r.ourValue)}::text[]) AS m(person_id, element_code, region_code, value)`;
    await verifyMatches(db, matched, department, ctx, at);
  }
}

/**
 * The verifier's own records agree: each value becomes verified (its status row created when
 * it had none) and counts a corroboration — except a disputed value, which waits for its ruling.
 * `matched` yields (person_id, element_code, region_code, value), one row per value.
 */
export async function verifyMatches(
  db: Executor,
  matched: RawBuilder<unknown>,
  department: { id: string; type: string },
  ctx: ActorContext,
  at: Date,
) {
  const keep = (column: string) =>
    sql.raw(`${column} = CASE WHEN element_value.status = 'disputed' THEN element_value.${column}
                         ELSE excluded.${column} END`);
  await sql`
    INSERT INTO element_value (person_id, element_code, region_code, value, status, verifier, source,
      collected_by_name, collected_at, verified_value, verified_at, verified_by, verified_by_name,
      verifying_department_id, corroborations, last_corroborated_at, last_corroborated_by,
      created_at, updated_at)
    SELECT m.person_id, m.element_code, m.region_code, m.value, 'verified', ${department.type},
      'comparison', '存量数据', ${at}, m.value, ${at}, ${ctx.actor.userId}::uuid,
      ${ctx.actor.displayName}, ${department.id}::uuid, 1, ${at}, ${department.id}::uuid, ${at}, ${at}
    FROM ${matched}
    ON CONFLICT (person_id, element_code) DO UPDATE SET
      corroborations = element_value.corroborations + 1,
      last_corroborated_at = excluded.last_corroborated_at,
      last_corroborated_by = excluded.last_corroborated_by,
      status = CASE WHEN element_value.status = 'disputed' THEN 'disputed' ELSE 'verified' END,
      due_at = CASE WHEN element_value.status = 'disputed' THEN element_value.due_at END,
      ${keep('verified_value')}, ${keep('verified_at')}, ${keep('verified_by')},
      ${keep('verified_by_name')}, ${keep('verifying_department_id')},
      updated_at = excluded.updated_at,
      version = element_value.version + 1`.execute(db);
}

/** Mismatches: the value becomes disputed and a discrepancy is opened (or updated) for its verifier. */
export async function disputeAll(
  db: Executor,
  jobId: string,
  department: { id: string },
  rows: readonly Classified[],
  at: Date,
) {
  const col = <T>(f: (r: Classified) => T) => rows.map(f);
  const people = col((r) => r.personId);
  const codes = col((r) => r.elementCode);
  const regions = col((r) => r.regionCode);
  const verifiers = col((r) => r.element!.verifier);
  await sql`
    INSERT INTO element_value (person_id, element_code, region_code, value, status, verifier, source,
      collected_by_name, collected_at, created_at, updated_at)
    SELECT m.person_id, m.element_code, m.region_code, m.value, 'disputed', m.verifier, 'comparison',
      '存量数据', ${at}, ${at}, ${at}
    FROM unnest(${people}::uuid[], ${codes}::text[], ${regions}::text[],
                ${col((r) => r.ourValue)}::text[], ${verifiers}::text[])
      AS m(person_id, element_code, region_code, value, verifier)
    ON CONFLICT (person_id, element_code) DO UPDATE SET status = 'disputed', updated_at = excluded.updated_at,
      version = element_value.version + 1
    WHERE element_value.status <> 'disputed'`.execute(db);
  const source = `批量比对 ${jobId.slice(0, 8)}`;
  await sql`
    INSERT INTO discrepancy (person_id, element_code, region_code, verifier, our_value, their_value,
      their_department_id, their_source, comparison_job_id, due_at, created_at, updated_at)
    SELECT m.person_id, m.element_code, m.region_code, m.verifier, m.ours, m.theirs,
      ${department.id}::uuid, ${source}, ${jobId}::uuid, ${at}::timestamptz + m.days * interval '1 day',
      ${at}, ${at}
    FROM unnest(${people}::uuid[], ${codes}::text[], ${regions}::text[], ${verifiers}::text[],
                ${col((r) => r.ourValue)}::text[], ${col((r) => r.normalized)}::text[],
                ${col((r) => r.element!.timeLimitDays)}::int[])
      AS m(person_id, element_code, region_code, verifier, ours, theirs, days)
    ON CONFLICT (person_id, element_code, their_department_id) WHERE status = 'open' DO UPDATE SET
      our_value = excluded.our_value, their_value = excluded.their_value,
      their_source = excluded.their_source, comparison_job_id = excluded.comparison_job_id,
      updated_at = excluded.updated_at, version = discrepancy.version + 1`.execute(db);
}

/** Stages a piece's person-attribute rows (row numbers local to the piece, after `offset`). */
export async function stageColumns(db: Executor, jobId: string, offset: number, c: StagedColumns) {
  if (c.count === 0) return;
  await sql`
    INSERT INTO comparison_stage (job_id, row_no, subject, element_code, their_value, normalized)
    SELECT ${jobId}::uuid, u.row_no + ${offset}::int, u.subject, u.element_code, u.their_value,
           u.normalized
    FROM unnest(${c.rowNos}::int[], ${c.subjects}::text[], ${c.elementCodes}::text[],
                ${c.theirValues}::text[], ${c.normalized}::text[])
      AS u(row_no, subject, element_code, their_value, normalized)`.execute(db);
}

/** The person column of an attribute element as canonical text (dates as YYYY-MM-DD). */
export function columnText(element: DataElement) {
  const attribute = (element.source as { attribute: keyof typeof personColumns }).attribute;
  const column = personColumns[attribute];
  return column === 'birth_date'
    ? sql`to_char(p.birth_date, 'YYYY-MM-DD')`
    : sql`${sql.ref(`p.${column}`)}::text`;
}

/**
 * ID numbers that two current records share (awaiting a merge): ambiguous wherever they are.
 * Read from the blind-index index alone (the candidates: shared by any two rows, merged or not),
 * then confirmed among current records — a table scan would cost a second for a million people.
 */
export async function ambiguousSubjects(db: Executor): Promise<string[]> {
  const rows = await sql<{ document_bidx: string }>`
    WITH candidates AS MATERIALIZED (
      SELECT document_bidx FROM person GROUP BY document_bidx HAVING count(*) > 1
    )
    SELECT p.document_bidx FROM person p JOIN candidates c USING (document_bidx)
    WHERE p.merged_into IS NULL
    GROUP BY p.document_bidx HAVING count(*) > 1`.execute(db);
  return rows.rows.map((r) => r.document_bidx);
}

/**
 * One element's staged rows against `person`, in one statement: a hash join as the plain join
 * would do, keeping the mismatches, unknown subjects and ambiguous ID numbers as detail rows, and
 * — from the same rows — disputing each mismatched value (the last row of a person wins) and
 * opening (or updating) its discrepancy for the verifier. Then counts a corroboration on values
 * that have a status (a verification when the verifier itself compares). In the caller's
 * transaction.
 */
export async function classifyAttribute(
  db: Executor,
  jobId: string,
  element: DataElement,
  department: { id: string; type: string; scope: string },
  ambiguous: readonly string[],
  ctx: ActorContext,
  at: Date,
) {
  const ours = columnText(element);
  const scope = `${department.scope}%`;
  const found = await sql<{ outcome: ComparisonOutcome; n: string }>`
    WITH ambiguous AS (SELECT DISTINCT unnest(${ambiguous}::text[]) AS document_bidx),
    attention AS MATERIALIZED (
      SELECT s.row_no, s.subject, s.element_code, s.their_value, s.normalized, p.id AS person_id,
             p.region_code, ${ours} AS our_value,
             CASE WHEN a.document_bidx IS NOT NULL THEN 'invalid'
                  WHEN p.id IS NULL THEN 'unknown_subject' ELSE 'mismatch' END AS outcome,
             CASE WHEN a.document_bidx IS NOT NULL THEN '该证件号码对应多条人员记录，待合并后再比对'
                  WHEN p.id IS NULL THEN '本部门辖区内没有该证件号码的人员' END AS message
      FROM comparison_stage s
      LEFT JOIN ambiguous a ON a.document_bidx = s.subject
      LEFT JOIN person p ON a.document_bidx IS NULL AND p.document_bidx = s.subject
        AND p.merged_into IS NULL AND p.region_code LIKE ${scope}
      WHERE s.job_id = ${jobId} AND s.element_code = ${element.code}
        AND (a.document_bidx IS NOT NULL OR p.id IS NULL OR ${ours} IS DISTINCT FROM s.normalized)
    ), kept AS (
      INSERT INTO comparison_row (job_id, row_no, subject, element_code, their_value, normalized,
                                  person_id, our_value, outcome, message)
      SELECT ${jobId}::uuid, row_no, subject, element_code, their_value, normalized, person_id,
             our_value, outcome, message
      FROM attention
    ), mismatched AS MATERIALIZED (
      SELECT DISTINCT ON (person_id) person_id, region_code, our_value, normalized
      FROM attention WHERE outcome = 'mismatch'
      ORDER BY person_id, row_no DESC
    ), disputed AS (
      INSERT INTO element_value (person_id, element_code, region_code, value, status, verifier,
        source, collected_by_name, collected_at, created_at, updated_at)
      SELECT m.person_id, ${element.code}, m.region_code, m.our_value, 'disputed', ${element.verifier},
        'comparison', '存量数据', ${at}, ${at}, ${at}
      FROM mismatched m
      ON CONFLICT (person_id, element_code) DO UPDATE SET status = 'disputed',
        updated_at = excluded.updated_at, version = element_value.version + 1
      WHERE element_value.status <> 'disputed'
    ), opened AS (
      INSERT INTO discrepancy (person_id, element_code, region_code, verifier, our_value, their_value,
        their_department_id, their_source, comparison_job_id, due_at, created_at, updated_at)
      SELECT m.person_id, ${element.code}, m.region_code, ${element.verifier}, m.our_value,
        m.normalized, ${department.id}::uuid, ${`批量比对 ${jobId.slice(0, 8)}`}, ${jobId}::uuid,
        ${at}::timestamptz + ${element.timeLimitDays} * interval '1 day', ${at}, ${at}
      FROM mismatched m
      ON CONFLICT (person_id, element_code, their_department_id) WHERE status = 'open' DO UPDATE SET
        our_value = excluded.our_value, their_value = excluded.their_value,
        their_source = excluded.their_source, comparison_job_id = excluded.comparison_job_id,
        updated_at = excluded.updated_at, version = discrepancy.version + 1
    )
    SELECT outcome, count(*) AS n FROM attention GROUP BY outcome`.execute(db);
  const count = (o: ComparisonOutcome) => Number(found.rows.find((r) => r.outcome === o)?.n ?? 0);

  const matched = sql`(
    SELECT DISTINCT p.id AS person_id, s.element_code, p.region_code, ${ours} AS value
    FROM comparison_stage s
    JOIN person p ON p.document_bidx = s.subject AND p.merged_into IS NULL
      AND p.region_code LIKE ${scope}
    WHERE s.job_id = ${jobId} AND s.element_code = ${element.code}
      AND ${ours} IS NOT DISTINCT FROM s.normalized) m`;
  if (department.type === element.verifier) {
    await verifyMatches(db, matched, department, ctx, at);
  } else {
    // only values that already have a status count corroborations (stock values have none):
    // from those few rows, not from the whole file
    await sql`
      UPDATE element_value v SET corroborations = v.corroborations + 1, last_corroborated_at = ${at},
        last_corroborated_by = ${department.id}::uuid, updated_at = ${at}, version = v.version + 1
      FROM person p, comparison_stage s
      WHERE v.element_code = ${element.code} AND p.id = v.person_id AND p.merged_into IS NULL
        AND p.region_code LIKE ${scope} AND s.job_id = ${jobId} AND s.element_code = ${element.code}
        AND s.subject = p.document_bidx AND ${ours} IS NOT DISTINCT FROM s.normalized`.execute(db);
  }
  return {
    mismatch: count('mismatch'),
    unknown_subject: count('unknown_subject'),
    invalid: count('invalid'),
  };
}
