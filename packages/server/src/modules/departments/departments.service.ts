import {
  ancestorCodesOf,
  DomainError,
  departmentTypes,
  departmentUnitName,
  isWithinAny,
  requirePermission,
  requirePermissionAt,
  type Actor,
  type Department,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { withinScopes } from '../../db/scope';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import type { Executor } from '../audit/audit.repository';

/** Department types and the department units at each level of the tree. */
export class DepartmentsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {}

  /** Upserts the built-in department types (reference data); safe to run at every start. */
  async ensureTypes(db: Executor = this.db): Promise<void> {
    for (const [i, t] of departmentTypes.entries()) {
      await db
        .insertInto('department_type')
        .values({ code: t.code, name: t.name, short_name: t.shortName, sort_order: i + 1 })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: t.name, short_name: t.shortName, sort_order: i + 1 }))
        .execute();
    }
  }

  async types() {
    const rows = await this.db.selectFrom('department_type').selectAll().orderBy('sort_order').execute();
    return { items: rows.map((r) => ({ code: r.code, name: r.name, shortName: r.short_name })) };
  }

  /** Departments inside the caller's scopes, and those of the levels above (which serve them). */
  async list(actor: Actor, filter: { regionCode?: string | undefined; typeCode?: string | undefined }): Promise<{ items: Department[] }> {
    const scopes = requirePermission(actor, 'department:read');
    const above = [...new Set(scopes.flatMap(ancestorCodesOf))];
    let query = this.db
      .selectFrom('department as d')
      .innerJoin('department_type as t', 't.code', 'd.type_code')
      .innerJoin('region as r', 'r.code', 'd.region_code')
      .select(['d.id', 'd.type_code', 't.name as type_name', 't.sort_order', 'd.region_code', 'r.name as region_name', 'd.name'])
      .where((eb) =>
        above.length > 0
          ? eb.or([withinScopes(eb, 'd.region_code', scopes), eb('d.region_code', 'in', above)])
          : withinScopes(eb, 'd.region_code', scopes),
      );
    if (filter.regionCode) query = query.where('d.region_code', 'like', `${filter.regionCode}%`);
    if (filter.typeCode) query = query.where('d.type_code', '=', filter.typeCode);
    const rows = await query.orderBy('d.region_code').orderBy('t.sort_order').limit(1000).execute();
    return {
      items: rows.map((r) => ({
        id: r.id, typeCode: r.type_code, typeName: r.type_name, regionCode: r.region_code, regionName: r.region_name, name: r.name,
      })),
    };
  }

  async findById(id: string) {
    return this.db.selectFrom('department').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async create(ctx: ActorContext, input: { typeCode: string; regionCode: string; name?: string | undefined }): Promise<Department> {
    requirePermissionAt(ctx.actor, 'department:manage', input.regionCode);
    return this.db.transaction().execute(async (trx) => {
      const created = await createDepartment(trx, input);
      await this.audit.record(trx, ctx, {
        action: 'department.create', targetType: 'department', targetId: created.id, regionCode: input.regionCode, detail: { name: created.name },
      });
      return created;
    });
  }

  /** Whether a department is visible to the actor (inside or above its scopes). */
  visibleTo(actor: Actor, regionCode: string): boolean {
    const scopes = requirePermission(actor, 'department:read');
    return isWithinAny(regionCode, scopes) || scopes.some((s) => s.startsWith(regionCode));
  }
}

/** Creates a department unit; the name defaults to region name + type name. */
export async function createDepartment(
  db: Executor,
  input: { typeCode: string; regionCode: string; name?: string | undefined },
): Promise<Department> {
  const type = await db.selectFrom('department_type').selectAll().where('code', '=', input.typeCode).executeTakeFirst();
  if (!type) throw new DomainError('VALIDATION', '部门类型不存在', [{ path: 'typeCode', message: '部门类型不存在' }]);
  const region = await db.selectFrom('region').select(['name', 'level', 'valid_to']).where('code', '=', input.regionCode).executeTakeFirst();
  if (!region || region.valid_to !== null) throw new DomainError('VALIDATION', '区域不存在', [{ path: 'regionCode', message: '区域不存在或已撤销' }]);
  if (!['province', 'city', 'county', 'street'].includes(region.level)) {
    throw new DomainError('VALIDATION', '部门只能设在省、市、县（区）或街道（乡镇）', [{ path: 'regionCode', message: '部门只能设在省、市、县（区）或街道（乡镇）' }]);
  }
  const duplicate = await db.selectFrom('department').select('id').where('type_code', '=', input.typeCode).where('region_code', '=', input.regionCode).executeTakeFirst();
  if (duplicate) throw new DomainError('CONFLICT', '该区域已有同类部门', [{ path: 'typeCode', message: '该区域已有同类部门' }]);
  const name = input.name ?? departmentUnitName(region.name, input.typeCode);
  const row = await db
    .insertInto('department')
    .values({ type_code: input.typeCode, region_code: input.regionCode, name })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, typeCode: type.code, typeName: type.name, regionCode: input.regionCode, regionName: region.name, name };
}
