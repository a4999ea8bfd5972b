import {
  ancestorCodesOf,
  departmentTypes,
  requirePermission,
  requirePermissionAt,
  type Actor,
  type Department,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import type { Executor } from '../audit/audit.repository';
import {
  createDepartment,
  listDepartments,
  listDepartmentTypes,
  upsertDepartmentTypes,
} from './departments.repository';

/** Department types and the department units at each level of the tree. */
export class DepartmentsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {}

  /** Upserts the built-in department types (reference data); safe to run at every start. */
  async ensureTypes(db: Executor = this.db): Promise<void> {
    await upsertDepartmentTypes(db, departmentTypes);
  }

  async types() {
    return { items: await listDepartmentTypes(this.db) };
  }

  /** Departments inside the caller's scopes, and those of the levels above (which serve them). */
  async list(
    actor: Actor,
    filter: { regionCode?: string | undefined; typeCode?: string | undefined },
  ): Promise<{ items: Department[] }> {
    const scopes = requirePermission(actor, 'department:read');
    const above = [...new Set(scopes.flatMap(ancestorCodesOf))];
    return { items: await listDepartments(this.db, { scopes, above, ...filter }) };
  }

  async create(
    ctx: ActorContext,
    input: { typeCode: string; regionCode: string; name?: string | undefined },
  ): Promise<Department> {
    requirePermissionAt(ctx.actor, 'department:manage', input.regionCode);
    return this.db.transaction().execute(async (trx) => {
      const created = await createDepartment(trx, input);
      await this.audit.record(trx, ctx, {
        action: 'department.create',
        targetType: 'department',
        targetId: created.id,
        regionCode: input.regionCode,
        detail: { name: created.name },
      });
      return created;
    });
  }
}
