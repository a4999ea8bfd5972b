import { DomainError, departmentUnitName, type Department } from '@shequ/core';
import { withinScopes } from '../../db/scope';
import type { Executor } from '../audit/audit.repository';

/** Departments inside the scopes or at one of the given codes above them. */
export async function listDepartments(
  db: Executor,
  filter: {
    scopes: string[];
    above: string[];
    regionCode?: string | undefined;
    typeCode?: string | undefined;
  },
): Promise<Department[]> {
  let query = db
    .selectFrom('department as d')
    .innerJoin('department_type as t', 't.code', 'd.type_code')
    .innerJoin('region as r', 'r.code', 'd.region_code')
    .select([
      'd.id',
      'd.type_code',
      't.name as type_name',
      't.sort_order',
      'd.region_code',
      'r.name as region_name',
      'd.name',
    ])
    .where((eb) =>
      filter.above.length > 0
        ? eb.or([
            withinScopes(eb, 'd.region_code', filter.scopes),
            eb('d.region_code', 'in', filter.above),
          ])
        : withinScopes(eb, 'd.region_code', filter.scopes),
    );
  if (filter.regionCode) query = query.where('d.region_code', 'like', `${filter.regionCode}%`);
  if (filter.typeCode) query = query.where('d.type_code', '=', filter.typeCode);
  const rows = await query.orderBy('d.region_code').orderBy('t.sort_order').limit(1000).execute();
  return rows.map((r) => ({
    id: r.id,
    typeCode: r.type_code,
    typeName: r.type_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    name: r.name,
  }));
}

/** Creates a department unit; the name defaults to region name + type name. */
export async function createDepartment(
  db: Executor,
  input: { typeCode: string; regionCode: string; name?: string | undefined },
): Promise<Department> {
  const type = await db
    .selectFrom('department_type')
    .selectAll()
    .where('code', '=', input.typeCode)
    .executeTakeFirst();
  if (!type)
    throw new DomainError('VALIDATION', '部门类型不存在', [
      { path: 'typeCode', message: '部门类型不存在' },
    ]);
  const region = await db
    .selectFrom('region')
    .select(['name', 'level', 'valid_to'])
    .where('code', '=', input.regionCode)
    .executeTakeFirst();
  if (!region || region.valid_to !== null)
    throw new DomainError('VALIDATION', '区域不存在', [
      { path: 'regionCode', message: '区域不存在或已撤销' },
    ]);
  if (!['province', 'city', 'county', 'street'].includes(region.level)) {
    throw new DomainError('VALIDATION', '部门只能设在省、市、县（区）或街道（乡镇）', [
      { path: 'regionCode', message: '部门只能设在省、市、县（区）或街道（乡镇）' },
    ]);
  }
  const duplicate = await db
    .selectFrom('department')
    .select('id')
    .where('type_code', '=', input.typeCode)
    .where('region_code', '=', input.regionCode)
    .executeTakeFirst();
  if (duplicate)
    throw new DomainError('CONFLICT', '该区域已有同类部门', [
      { path: 'typeCode', message: '该区域已有同类部门' },
    ]);
  const name = input.name ?? departmentUnitName(region.name, input.typeCode);
  const row = await db
    .insertInto('department')
    .values({ type_code: input.typeCode, region_code: input.regionCode, name })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    typeCode: type.code,
    typeName: type.name,
    regionCode: input.regionCode,
    regionName: region.name,
    name,
  };
}

export async function findDepartment(db: Executor, id: string) {
  return db.selectFrom('department').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Upserts department types (reference data). */
export async function upsertDepartmentTypes(
  db: Executor,
  types: readonly { code: string; name: string; shortName: string }[],
): Promise<void> {
  for (const [i, t] of types.entries()) {
    await db
      .insertInto('department_type')
      .values({ code: t.code, name: t.name, short_name: t.shortName, sort_order: i + 1 })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({ name: t.name, short_name: t.shortName, sort_order: i + 1 }),
      )
      .execute();
  }
}

export async function listDepartmentTypes(db: Executor) {
  const rows = await db.selectFrom('department_type').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, shortName: r.short_name }));
}
