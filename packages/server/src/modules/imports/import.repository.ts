import { defaultDataElements } from '@shequ/core';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../audit/audit.repository';
import { emitExchangeEvent } from '../exchange/exchange-events.repository';
import type { ImportJobTable, ImportOutcome, ImportRowTable } from '../../db/schema';

/** A staged row as the service builds it. */
export interface StagedRow {
  rowNo: number;
  outcome: ImportOutcome;
  errors: { path: string; message: string }[] | null;
  warnings: string[] | null;
  raw: Record<string, string> | null;
  personId: string | null;
  personVersion: number | null;
  regionCode: string | null;
  name: string | null;
  formerNames: string | null;
  documentType: string | null;
  documentIndex: string | null;
  phoneIndex: string | null;
  pii: string | null;
  idMasked: string | null;
  phoneMasked: string | null;
  sex: string | null;
  birthDate: string | null;
  ethnicity: string | null;
  residenceType: string | null;
  politicalStatus: string | null;
  maritalStatus: string | null;
  education: string | null;
  occupation: string | null;
  employer: string | null;
  health: string | null;
  tags: string[] | null;
  flags: string[] | null;
  note: string | null;
  householdNumber: string | null;
  relationToHead: string | null;
  householdType: string | null;
  compound: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
}

const TEXT_COLUMNS = [
  ['outcome', 'outcome'],
  ['region_code', 'regionCode'],
  ['name', 'name'],
  ['former_names', 'formerNames'],
  ['document_type', 'documentType'],
  ['document_bidx', 'documentIndex'],
  ['phone_bidx', 'phoneIndex'],
  ['pii', 'pii'],
  ['id_masked', 'idMasked'],
  ['phone_masked', 'phoneMasked'],
  ['sex', 'sex'],
  ['ethnicity', 'ethnicity'],
  ['residence_type', 'residenceType'],
  ['political_status', 'politicalStatus'],
  ['marital_status', 'maritalStatus'],
  ['education', 'education'],
  ['occupation', 'occupation'],
  ['employer', 'employer'],
  ['health', 'health'],
  ['note', 'note'],
  ['household_number', 'householdNumber'],
  ['relation_to_head', 'relationToHead'],
  ['household_type', 'householdType'],
  ['compound', 'compound'],
  ['building', 'building'],
  ['unit', 'unit'],
  ['room', 'room'],
] as const satisfies readonly (readonly [string, keyof StagedRow])[];

const SEP = '\u001f';

/**
 * Writes a chunk of staged rows with one statement: each column travels as one array parameter
 * and `unnest` turns them back into rows, which is several times faster than multi-row VALUES.
 */
export async function insertStagedRows(db: Executor, jobId: string, rows: readonly StagedRow[]) {
  if (rows.length === 0) return;
  const json = (v: unknown) => (v == null ? null : JSON.stringify(v));
  const arrays = TEXT_COLUMNS.map(([, key]) => rows.map((r) => r[key] as string | null));
  const textCols = TEXT_COLUMNS.map(([c]) => sql.ref(c));
  const textArgs = arrays.map((a) => sql`${a}::text[]`);
  await sql`
    INSERT INTO import_row (job_id, row_no, person_id, person_version, birth_date, errors, warnings,
                            raw, tags, flags, ${sql.join(textCols)})
    SELECT ${jobId}::uuid, u.row_no, u.person_id, u.person_version, u.birth_date::date,
           u.errors::jsonb, u.warnings::jsonb, u.raw::jsonb,
           CASE WHEN u.tags IS NULL THEN NULL ELSE string_to_array(u.tags, ${SEP}) END,
           CASE WHEN u.flags IS NULL THEN NULL ELSE string_to_array(u.flags, ${SEP}) END,
           ${sql.join(TEXT_COLUMNS.map((_, i) => sql.ref(`u.c${i}`)))}
    FROM unnest(
      ${rows.map((r) => r.rowNo)}::int[],
      ${rows.map((r) => r.personId)}::uuid[],
      ${rows.map((r) => r.personVersion)}::int[],
      ${rows.map((r) => r.birthDate)}::text[],
      ${rows.map((r) => json(r.errors))}::text[],
      ${rows.map((r) => json(r.warnings))}::text[],
      ${rows.map((r) => json(r.raw))}::text[],
      ${rows.map((r) => (r.tags ? r.tags.join(SEP) : null))}::text[],
      ${rows.map((r) => (r.flags ? r.flags.join(SEP) : null))}::text[],
      ${sql.join(textArgs)}
    ) AS u(row_no, person_id, person_version, birth_date, errors, warnings, raw, tags, flags,
           ${sql.join(TEXT_COLUMNS.map((_, i) => sql.raw(`c${i}`)))})`.execute(db);
}

export async function insertJob(db: Executor, values: Insertable<ImportJobTable>) {
  return db.insertInto('import_job').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateJob(db: Executor, id: string, values: Updateable<ImportJobTable>) {
  await db.updateTable('import_job').set(values).where('id', '=', id).execute();
}

/** Moves a staged job to merging; false when it was not staged (applied twice, failed …). */
export async function claimForMerge(db: Executor, id: string): Promise<boolean> {
  const claimed = await db
    .updateTable('import_job')
    .set({ status: 'merging' })
    .where('id', '=', id)
    .where('status', '=', 'staged')
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function findJob(db: Executor, id: string) {
  return db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobs(db: Executor, scopes: readonly string[], limit: number) {
  if (scopes.length === 0) return [];
  return db
    .selectFrom('import_job')
    .selectAll()
    .where((eb) => eb.or(scopes.map((s) => eb('region_code', 'like', `${s}%`))))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function countRows(db: Executor, jobId: string): Promise<number> {
  const row = await db
    .selectFrom('import_row')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job_id', '=', jobId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes the staged rows of jobs created before `before` (the jobs and their counts stay). */
export async function purgeStagedRows(db: Executor, before: Date): Promise<void> {
  await db
    .deleteFrom('import_row')
    .where('job_id', 'in', (eb) =>
      eb.selectFrom('import_job').select('id').where('created_at', '<', before),
    )
    .execute();
}

/** Jobs a crash or restart interrupted: marked failed, their staged rows dropped. */
export async function failInterruptedJobs(db: Executor, at: Date): Promise<number> {
  const failed = await db
    .updateTable('import_job')
    .set({
      status: 'failed',
      error: '导入因服务重启而中断，未写入任何人员数据，请重新导入',
      finished_at: at,
    })
    .where('status', 'in', ['staging', 'merging'])
    .returning('id')
    .execute();
  return failed.length;
}

/** Current people for a chunk of document blind indexes. */
export async function findPeopleByIndexes(db: Executor, indexes: readonly string[]) {
  if (indexes.length === 0) return [];
  return db
    .selectFrom('person')
    .selectAll()
    .where('document_bidx', 'in', indexes)
    .where('merged_into', 'is', null)
    .execute();
}

/**
 * Cross-row checks once every row is staged: the same document twice in the file; households
 * given two heads or none; a head named for a household that already has a different one.
 */
export async function rejectCrossRowProblems(db: Executor, jobId: string) {
  await refreshStatistics(db, ['import_row']);
  await sql`
    UPDATE import_row r SET outcome = 'reject',
      errors = jsonb_build_array(jsonb_build_object('path', 'idNumber',
        'message', '文件内证件号码重复，与第 ' || d.first_row || ' 行相同'))
    FROM (
      SELECT row_no, first_value(row_no) OVER w AS first_row, row_number() OVER w AS n
      FROM import_row WHERE job_id = ${jobId} AND outcome <> 'reject'
      WINDOW w AS (PARTITION BY document_bidx ORDER BY row_no)
    ) d
    WHERE r.job_id = ${jobId} AND r.row_no = d.row_no AND d.n > 1`.execute(db);
  await sql`
    UPDATE import_row r SET outcome = 'reject',
      errors = jsonb_build_array(jsonb_build_object('path', 'relationToHead',
        'message', '户号 ' || r.household_number || ' 在文件中有 ' || h.heads || ' 名户主，一户只能有一名户主'))
    FROM (
      SELECT household_number, count(*) AS heads FROM import_row
      WHERE job_id = ${jobId} AND outcome <> 'reject' AND relation_to_head = '02'
      GROUP BY household_number HAVING count(*) > 1
    ) h
    WHERE r.job_id = ${jobId} AND r.household_number = h.household_number AND r.relation_to_head = '02'
      AND r.outcome <> 'reject'`.execute(db);
  // a head named for a household whose stored head stays head
  await sql`
    UPDATE import_row r SET outcome = 'reject',
      errors = jsonb_build_array(jsonb_build_object('path', 'relationToHead',
        'message', '户号 ' || r.household_number || ' 已有户主' || p.name || '，请先变更原户主'))
    FROM household h
    JOIN household_member m ON m.household_id = h.id AND m.left_on IS NULL AND m.relation = '02'
    JOIN person p ON p.id = m.person_id
    WHERE r.job_id = ${jobId} AND r.outcome <> 'reject' AND r.relation_to_head = '02'
      AND h.number = r.household_number AND m.person_id IS DISTINCT FROM r.person_id
      AND m.person_id NOT IN (
        SELECT o.person_id FROM import_row o WHERE o.job_id = ${jobId} AND o.outcome <> 'reject'
          AND o.person_id IS NOT NULL AND o.relation_to_head <> '02')`.execute(db);
  // members of a household that has no head, in the file or stored
  await sql`
    UPDATE import_row r SET outcome = 'reject',
      errors = jsonb_build_array(jsonb_build_object('path', 'relationToHead',
        'message', '户号 ' || r.household_number || ' 没有户主：请在文件中注明户主'))
    FROM (
      SELECT household_number FROM import_row
      WHERE job_id = ${jobId} AND outcome <> 'reject' AND household_number IS NOT NULL
      GROUP BY household_number HAVING NOT bool_or(relation_to_head = '02')
    ) headless
    WHERE r.job_id = ${jobId} AND r.outcome <> 'reject' AND r.household_number = headless.household_number
      AND NOT EXISTS (SELECT 1 FROM household h JOIN household_member m
                      ON m.household_id = h.id AND m.left_on IS NULL AND m.relation = '02'
                      WHERE h.number = r.household_number)`.execute(db);
}

/** Planner statistics for freshly written tables (see migration 0002, refresh_statistics). */
export async function refreshStatistics(db: Executor, tables: readonly string[]) {
  await sql`SELECT refresh_statistics(${[...tables]}::text[])`.execute(db);
}

export async function countOutcomes(db: Executor, jobId: string) {
  const rows = await db
    .selectFrom('import_row')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', jobId)
    .groupBy('outcome')
    .execute();
  const count = (o: ImportOutcome) => Number(rows.find((r) => r.outcome === o)?.n ?? 0);
  return {
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    reject: count('reject'),
  };
}

const PERSON_COLUMNS = [
  'region_code',
  'name',
  'former_names',
  'document_type',
  'document_bidx',
  'phone_bidx',
  'pii',
  'id_masked',
  'phone_masked',
  'sex',
  'birth_date',
  'ethnicity',
  'residence_type',
  'political_status',
  'marital_status',
  'education',
  'occupation',
  'employer',
  'health',
  'tags',
  'flags',
  'note',
] as const;

/**
 * Applies a staged job in the caller's transaction (which has declared the change context):
 * re-checks what changed since staging, inserts and updates people, then households, places and
 * residences. Set-based: a million rows are a handful of statements.
 */
export async function mergeStagedRows(db: Executor, jobId: string, today: string, at: Date) {
  // someone registered the same document since the dry run, or edited a person it updates
  await sql`
    UPDATE import_row r SET outcome = 'reject', errors = jsonb_build_array(jsonb_build_object(
      'path', 'idNumber', 'message', '预检后已有人登记了该证件号码，请重新导入'))
    WHERE r.job_id = ${jobId} AND r.outcome = 'create'
      AND EXISTS (SELECT 1 FROM person p WHERE p.document_bidx = r.document_bidx AND p.merged_into IS NULL)`.execute(
    db,
  );
  await sql`
    UPDATE import_row r SET outcome = 'reject', errors = jsonb_build_array(jsonb_build_object(
      'path', 'idNumber', 'message', '预检后该人员已被修改，请重新导入'))
    WHERE r.job_id = ${jobId} AND r.outcome IN ('update', 'unchanged')
      AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = r.person_id AND p.version = r.person_version
                      AND p.merged_into IS NULL)`.execute(db);

  const cols = sql.join(PERSON_COLUMNS.map((c) => sql.ref(c)));
  const fromRow = sql.join(PERSON_COLUMNS.map((c) => sql.ref(`r.${c}`)));
  // new people's ids were chosen at staging, so no join back is needed
  await sql`
    INSERT INTO person (id, ${cols}, created_at, updated_at)
    SELECT r.person_id, ${fromRow}, ${at}, ${at} FROM import_row r
    WHERE r.job_id = ${jobId} AND r.outcome = 'create'`.execute(db);
  await sql`
    UPDATE person p SET ${sql.join(PERSON_COLUMNS.map((c) => sql`${sql.ref(c)} = ${sql.ref(`r.${c}`)}`))},
      updated_at = ${at}, version = p.version + 1
    FROM import_row r
    WHERE r.job_id = ${jobId} AND r.outcome = 'update' AND p.id = r.person_id`.execute(db);

  const accepted = sql`r.job_id = ${jobId} AND r.outcome IN ('create', 'update', 'unchanged')`;
  // households: create the missing ones, then resolve each row's household once
  await sql`
    INSERT INTO household (number, household_type, region_code, created_at, updated_at)
    SELECT DISTINCT ON (r.household_number) r.household_number, coalesce(r.household_type, 'family'),
           r.region_code, ${at}, ${at}
    FROM import_row r WHERE ${accepted} AND r.household_number IS NOT NULL
    ORDER BY r.household_number, (r.relation_to_head = '02') DESC, r.row_no
    ON CONFLICT (number) DO NOTHING`.execute(db);
  await sql`
    UPDATE import_row r SET household_id = h.id FROM household h
    WHERE ${accepted} AND r.household_number IS NOT NULL AND h.number = r.household_number`.execute(
    db,
  );
  await refreshStatistics(db, ['import_row', 'person', 'household', 'household_member']);
  await sql`
    UPDATE household_member m SET left_on = ${today}, updated_at = ${at}, version = m.version + 1
    FROM import_row r
    WHERE ${accepted} AND r.household_id IS NOT NULL AND m.person_id = r.person_id AND m.left_on IS NULL
      AND (m.household_id <> r.household_id OR (m.relation <> r.relation_to_head AND m.relation = '02'))`.execute(
    db,
  );
  await sql`
    UPDATE household_member m SET relation = r.relation_to_head, updated_at = ${at}, version = m.version + 1
    FROM import_row r
    WHERE ${accepted} AND m.person_id = r.person_id AND m.left_on IS NULL
      AND m.household_id = r.household_id AND m.relation <> r.relation_to_head`.execute(db);
  // candidates first (MATERIALIZED): an anti-join against the table being inserted into would
  // re-scan the rows this very statement adds, quadratic in the file
  await sql`
    WITH joining AS MATERIALIZED (
      SELECT r.person_id FROM import_row r WHERE ${accepted} AND r.household_id IS NOT NULL
      EXCEPT SELECT m.person_id FROM household_member m WHERE m.left_on IS NULL
    )
    INSERT INTO household_member (household_id, person_id, relation, joined_on, created_at, updated_at)
    SELECT r.household_id, r.person_id, r.relation_to_head, ${today}, ${at}, ${at}
    FROM import_row r JOIN joining j ON j.person_id = r.person_id
    WHERE ${accepted}
    ORDER BY (r.relation_to_head = '02') DESC`.execute(db);

  // places: compound → building → unit → house under the community, level by level over the
  // distinct addresses only (far fewer than rows), then each row's house resolved once
  const addresses = sql`(
    SELECT DISTINCT left(r.region_code, 12) AS community, r.compound, r.building,
           coalesce(r.unit, '') AS unit, r.room
    FROM import_row r WHERE ${accepted} AND r.compound IS NOT NULL AND r.building IS NOT NULL) a`;
  await sql`
    INSERT INTO place (kind, region_code, name, created_at, updated_at)
    SELECT DISTINCT 'compound', a.community, a.compound, ${at}::timestamptz, ${at}::timestamptz
    FROM ${addresses}
    ON CONFLICT (region_code, name) WHERE parent_id IS NULL DO NOTHING`.execute(db);
  await sql`
    INSERT INTO place (kind, parent_id, region_code, name, created_at, updated_at)
    SELECT DISTINCT 'building', c.id, c.region_code, a.building, ${at}::timestamptz, ${at}::timestamptz
    FROM ${addresses}
    JOIN place c ON c.parent_id IS NULL AND c.region_code = a.community AND c.name = a.compound
    ON CONFLICT (parent_id, name) WHERE parent_id IS NOT NULL DO NOTHING`.execute(db);
  const buildingOf = sql`JOIN place c ON c.parent_id IS NULL AND c.region_code = a.community AND c.name = a.compound
    JOIN place b ON b.parent_id = c.id AND b.name = a.building`;
  await sql`
    INSERT INTO place (kind, parent_id, region_code, name, created_at, updated_at)
    SELECT DISTINCT 'unit', b.id, b.region_code, a.unit, ${at}::timestamptz, ${at}::timestamptz
    FROM ${addresses} ${buildingOf}
    WHERE a.unit <> ''
    ON CONFLICT (parent_id, name) WHERE parent_id IS NOT NULL DO NOTHING`.execute(db);
  const unitOf = sql`LEFT JOIN place u ON a.unit <> '' AND u.parent_id = b.id AND u.name = a.unit`;
  await sql`
    INSERT INTO place (kind, parent_id, region_code, name, created_at, updated_at)
    SELECT DISTINCT 'house', coalesce(u.id, b.id), b.region_code, a.room, ${at}::timestamptz, ${at}::timestamptz
    FROM ${addresses} ${buildingOf} ${unitOf}
    WHERE a.room IS NOT NULL
    ON CONFLICT (parent_id, name) WHERE parent_id IS NOT NULL DO NOTHING`.execute(db);
  await refreshStatistics(db, ['place']);
  // MATERIALIZED: resolved once over the distinct addresses, then hash-joined to the rows
  await sql`
    WITH x AS MATERIALIZED (
      SELECT a.community, a.compound, a.building, a.unit, a.room, h.id AS house_id
      FROM ${addresses} ${buildingOf} ${unitOf}
      JOIN place h ON h.parent_id = coalesce(u.id, b.id) AND h.name = a.room AND h.kind = 'house'
      WHERE a.room IS NOT NULL
    )
    UPDATE import_row r SET house_id = x.house_id FROM x
    WHERE ${accepted} AND r.room IS NOT NULL AND left(r.region_code, 12) = x.community
      AND r.compound = x.compound AND r.building = x.building AND coalesce(r.unit, '') = x.unit
      AND r.room = x.room`.execute(db);
  await refreshStatistics(db, ['import_row', 'person_house']);
  // a person lives primarily in one house: a new one ends the old
  await sql`
    UPDATE person_house ph SET end_date = ${today}, updated_at = ${at}, version = ph.version + 1
    FROM import_row r
    WHERE ${accepted} AND r.house_id IS NOT NULL AND ph.person_id = r.person_id AND ph.relation = 'lives'
      AND ph.is_primary AND ph.end_date IS NULL AND ph.house_id <> r.house_id`.execute(db);
  await sql`
    WITH moving_in AS MATERIALIZED (
      SELECT r.person_id, r.house_id FROM import_row r WHERE ${accepted} AND r.house_id IS NOT NULL
      EXCEPT SELECT x.person_id, x.house_id FROM person_house x
      WHERE x.relation = 'lives' AND x.end_date IS NULL
    )
    INSERT INTO person_house (person_id, house_id, relation, is_primary, start_date, created_at, updated_at)
    SELECT m.person_id, m.house_id, 'lives', true, ${today}, ${at}, ${at} FROM moving_in m`.execute(
    db,
  );
}

export async function listRows(
  db: Executor,
  jobId: string,
  outcome: ImportOutcome | undefined,
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('import_row').where('job_id', '=', jobId);
  if (outcome) q = q.where('outcome', '=', outcome);
  const [rows, count] = await Promise.all([
    q
      .select(['row_no', 'outcome', 'name', 'id_masked', 'errors', 'warnings'])
      .orderBy('row_no')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type RejectedRow = Selectable<ImportRowTable>;

export async function* streamRejectedRows(
  db: Executor,
  jobId: string,
  batchSize = 2000,
): AsyncGenerator<RejectedRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('import_row')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('outcome', '=', 'reject')
      .where('row_no', '>', after)
      .orderBy('row_no')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.row_no;
  }
}

/** Drops a finished job's staged accepted rows, keeping the rejected ones for its report. */
export async function clearStagedValues(db: Executor, jobId: string) {
  await sql`DELETE FROM import_row WHERE job_id = ${jobId} AND outcome <> 'reject'`.execute(db);
}

/** The person attributes an import writes: every `person.*` element of the catalog. */
const importedElements = defaultDataElements
  .filter((e) => e.source.kind === 'person')
  .map((e) => e.code);

/**
 * Tells department systems, through the exchange outbox, that an import changed people: one
 * `import.applied` event per community it wrote people in, with how many were created and
 * updated — counts only, no values (a million people are not a million events; clients read what
 * they need by id or export). In the merge transaction, so it commits with the import.
 */
export async function reportImport(db: Executor, jobId: string): Promise<void> {
  const touched = await sql<{ region_code: string; created: string; updated: string }>`
    SELECT region_code, count(*) FILTER (WHERE outcome = 'create') AS created,
           count(*) FILTER (WHERE outcome = 'update') AS updated
    FROM import_row WHERE job_id = ${jobId} AND outcome IN ('create', 'update')
    GROUP BY region_code ORDER BY region_code`.execute(db);
  for (const r of touched.rows) {
    const entry = {
      status: 'collected',
      created: Number(r.created),
      updated: Number(r.updated),
      importJobId: jobId,
    };
    await emitExchangeEvent(db, {
      type: 'import.applied',
      personId: null,
      regionCode: r.region_code,
      elementCodes: importedElements,
      payload: { elements: Object.fromEntries(importedElements.map((code) => [code, entry])) },
    });
  }
}
