import {
  defaultServiceMatters,
  departmentTypes,
  DomainError,
  hasPermission,
  matterChanges,
  matterProblems,
  requirePermission,
  type MatterCreateInput,
  type MatterSummary,
  type MatterUpdateInput,
  type MatterVersion,
  type ServiceMatterDefinition,
  type MatterView,
  type ServiceMatter,
} from '@shequ/core';
import type { Kysely, Selectable } from 'kysely';
import { withChange } from '../../db/change-context';
import type { Database, ServiceMatterTable } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { Executor } from '../audit/audit.repository';
import type { AuditService } from '../audit/audit.service';
import { cityOf } from '../governance/catalog.service';

/**
 * The service matter catalog (事项目录) of each city: core's default matters, copied into the city
 * on first use, then edited by the city's informatization administrator. Every definition an
 * application was made under stays readable (`service_matter_revision`).
 */
export class MattersService {
  private readonly revisions = new Map<string, ServiceMatter>();
  private readonly seeded = new Set<string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
  ) {}

  /** Copies the default matters a city does not have yet into it. */
  async ensureCity(cityCode: string): Promise<void> {
    if (this.seeded.has(cityCode)) return;
    const present = new Set(
      (
        await this.db
          .selectFrom('service_matter')
          .select('code')
          .where('city_code', '=', cityCode)
          .execute()
      ).map((r) => r.code),
    );
    const missing = defaultServiceMatters.filter((m) => !present.has(m.code));
    if (missing.length > 0) {
      const change = {
        actorId: null,
        actorName: '系统',
        source: 'seed' as const,
        at: this.clock(),
      };
      await withChange(this.db, change, async (tx) => {
        const rows = await tx
          .insertInto('service_matter')
          .values(
            missing.map((m) => ({
              city_code: cityCode,
              code: m.code,
              name: m.name,
              department_type: m.departmentType,
              definition: JSON.stringify(m),
            })),
          )
          .onConflict((oc) => oc.columns(['city_code', 'code']).doNothing())
          .returning(['id', 'definition'])
          .execute();
        if (rows.length > 0) {
          await tx
            .insertInto('service_matter_revision')
            .values(
              rows.map((r) => ({
                matter_id: r.id,
                version: 1,
                definition: JSON.stringify(r.definition),
              })),
            )
            .execute();
        }
      });
    }
    this.seeded.add(cityCode);
  }

  async list(ctx: ActorContext, options: { onlineOnly?: boolean } = {}): Promise<MatterSummary[]> {
    const scopes = requirePermission(ctx.actor, 'matter:read');
    const city = cityOf(ctx.session.currentRegionCode ?? scopes[0] ?? '');
    // the catalog's administrators see the disabled matters too, to enable them again
    return this.listOf(city, { ...options, all: hasPermission(ctx.actor, 'matter:manage') });
  }

  /** The enabled matters of a city (public: what a resident may apply for). */
  async listOf(cityCode: string, options: { onlineOnly?: boolean; all?: boolean } = {}) {
    await this.ensureCity(cityCode);
    let query = this.db
      .selectFrom('service_matter')
      .selectAll()
      .where('city_code', '=', cityCode)
      .orderBy('code');
    if (!options.all) query = query.where('enabled', '=', true);
    const rows = await query.execute();
    return rows.map((r) => summaryOf(r)).filter((m) => !options.onlineOnly || m.online);
  }

  async get(ctx: ActorContext, code: string): Promise<MatterView> {
    const scopes = requirePermission(ctx.actor, 'matter:read');
    const city = cityOf(ctx.session.currentRegionCode ?? scopes[0] ?? '');
    return viewOf(await this.current(city, code));
  }

  /** A matter's versions, newest first, each with who saved it, why and what it changed. */
  async versions(ctx: ActorContext, code: string): Promise<MatterVersion[]> {
    const scopes = requirePermission(ctx.actor, 'matter:read');
    const row = await this.current(cityOf(ctx.session.currentRegionCode ?? scopes[0] ?? ''), code);
    // one snapshot, so a save committing meanwhile is in both lists or in neither
    const { revisions, changes } = await this.db.transaction().execute(async (trx) => ({
      revisions: await trx
        .selectFrom('service_matter_revision')
        .select(['version', 'definition', 'created_at'])
        .where('matter_id', '=', row.id)
        .orderBy('version')
        .execute(),
      changes: await trx
        .selectFrom('entity_change')
        .select(['op', 'new_values', 'actor_name', 'reason', 'changed_at'])
        .where('entity', '=', 'service_matter')
        .where('entity_id', '=', row.id)
        .orderBy('seq')
        .execute(),
    }));
    // Each version was written by one change of the row, in order: the insert wrote version 1; a
    // save that changed the definition carries it in its new values, one that only enabled or
    // disabled the matter does not. Matching on that, a save that wrote no change row (possible
    // before saves without any change were refused) leaves its version without an author rather
    // than shifting every later one.
    let next = 0;
    const authorOf = (definition: unknown, definitionChanged: boolean) => {
      for (let k = next; k < changes.length; k++) {
        const values = (changes[k]!.new_values ?? {}) as { definition?: unknown };
        const fits = definitionChanged
          ? values.definition !== undefined && sameJson(values.definition, definition)
          : values.definition === undefined;
        if (changes[k]!.op === 'update' && fits) {
          next = k + 1;
          return changes[k]!;
        }
      }
      return undefined;
    };
    return revisions
      .map((r, i) => {
        const previous = revisions[i - 1];
        const change = previous
          ? authorOf(r.definition, !sameJson(previous.definition, r.definition))
          : changes.find((c) => c.op === 'insert');
        const enabled = (change?.new_values as { enabled?: unknown } | null)?.enabled;
        return {
          version: r.version,
          changedAt: (change?.changed_at ?? r.created_at).toISOString(),
          actorName: change?.actor_name ?? (previous ? '—' : '系统'),
          reason: change?.reason ?? null,
          enabled: previous && typeof enabled === 'boolean' ? enabled : null,
          changes: previous
            ? matterChanges(previous.definition as ServiceMatter, r.definition as ServiceMatter)
            : [],
        };
      })
      .reverse();
  }

  /** The current row of a matter in a city; NOT_FOUND when the city has no such matter. */
  async current(cityCode: string, code: string, db: Executor = this.db) {
    await this.ensureCity(cityCode);
    const row = await db
      .selectFrom('service_matter')
      .selectAll()
      .where('city_code', '=', cityCode)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', `本市没有事项 ${code}`);
    return row;
  }

  /** The definition an application was made under. */
  async definitionAt(matterId: string, version: number, db: Executor = this.db) {
    const key = `${matterId}:${version}`;
    const cached = this.revisions.get(key);
    if (cached) return cached;
    const row = await db
      .selectFrom('service_matter_revision')
      .select('definition')
      .where('matter_id', '=', matterId)
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
    const matter = row.definition as ServiceMatter;
    this.revisions.set(key, matter);
    return matter;
  }

  /** Adds a matter to the city's catalog (version 1), with the reason, in its history. */
  async create(ctx: ActorContext, input: MatterCreateInput): Promise<MatterView> {
    const city = this.managedCity(ctx);
    const definition = checkedDefinition(input.definition);
    await this.ensureCity(city);
    const change = this.changeOf(ctx, input.reason);
    const created = await withChange(this.db, change, async (tx) => {
      const row = await tx
        .insertInto('service_matter')
        .values({
          city_code: city,
          code: definition.code,
          name: definition.name,
          department_type: definition.departmentType,
          definition: JSON.stringify(definition),
          enabled: input.enabled,
          updated_by: ctx.actor.userId,
          created_at: change.at,
          updated_at: change.at,
        })
        .onConflict((oc) => oc.columns(['city_code', 'code']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        throw new DomainError('CONFLICT', `本市已有编码为 ${definition.code} 的事项`, [
          { path: 'definition.code', message: `本市已有编码为 ${definition.code} 的事项` },
        ]);
      }
      await this.revise(tx, ctx, row, 'matter.create', input.reason);
      return row;
    });
    return viewOf(created);
  }

  /** Saves an edited definition as the matter's next version, with the reason, in its history. */
  async update(ctx: ActorContext, code: string, input: MatterUpdateInput): Promise<MatterView> {
    const city = this.managedCity(ctx);
    const row = await this.current(city, code);
    const definition = checkedDefinition(
      input.definition,
      input.definition.code === code
        ? []
        : [{ path: 'definition.code', message: '事项编码不能修改' }],
    );
    if (row.version !== input.version) {
      throw new DomainError('CONFLICT', '该事项已被他人修改，请刷新后重试');
    }
    if (row.enabled === input.enabled && sameJson(row.definition, definition)) {
      throw new DomainError('VALIDATION', '没有修改任何内容', [
        { path: 'definition', message: '没有修改任何内容' },
      ]);
    }
    const change = this.changeOf(ctx, input.reason);
    const updated = await withChange(this.db, change, async (tx) => {
      const next = await tx
        .updateTable('service_matter')
        .set({
          name: definition.name,
          department_type: definition.departmentType,
          definition: JSON.stringify(definition),
          enabled: input.enabled,
          updated_by: ctx.actor.userId,
          updated_at: change.at,
          version: row.version + 1,
        })
        .where('id', '=', row.id)
        .where('version', '=', input.version)
        .returningAll()
        .executeTakeFirst();
      if (!next) throw new DomainError('CONFLICT', '该事项已被他人修改，请刷新后重试');
      await this.revise(tx, ctx, next, 'matter.update', input.reason);
      return next;
    });
    return viewOf(updated);
  }

  /**
   * The city whose catalog the caller manages (the current region's): the catalog is the city's,
   * so only a grant over the whole city manages it, not a county's administrator.
   */
  private managedCity(ctx: ActorContext): string {
    const scopes = requirePermission(ctx.actor, 'matter:manage');
    const city = cityOf(ctx.session.currentRegionCode ?? scopes[0] ?? '');
    if (!scopes.some((s) => city.startsWith(s))) {
      throw new DomainError('OUT_OF_SCOPE', '服务事项目录由市级信息化主管部门管理');
    }
    return city;
  }

  private changeOf(ctx: ActorContext, reason: string) {
    return {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source: 'form' as const,
      reason,
      at: this.clock(),
    };
  }

  /** Keeps the row's definition as a revision and audits the change. */
  private async revise(
    tx: Executor,
    ctx: ActorContext,
    row: Selectable<ServiceMatterTable>,
    action: 'matter.create' | 'matter.update',
    reason: string,
  ): Promise<void> {
    await tx
      .insertInto('service_matter_revision')
      .values({
        matter_id: row.id,
        version: row.version,
        definition: JSON.stringify(row.definition),
      })
      .execute();
    await this.audit.record(tx, ctx, {
      action,
      targetType: 'service_matter',
      targetId: row.id,
      regionCode: row.city_code,
      detail: { code: row.code, version: row.version, reason },
    });
  }
}

/** Whether two JSON values are equal whatever the order of their keys (jsonb reorders them). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A submitted definition once its rules hold; VALIDATION with every problem at its path. */
function checkedDefinition(
  submitted: ServiceMatterDefinition,
  extra: { path: string; message: string }[] = [],
): ServiceMatter {
  const definition = submitted as ServiceMatter;
  const problems = [
    ...extra,
    ...matterProblems(definition).map((p) => ({
      path: `definition.${p.path}`,
      message: p.message,
    })),
  ];
  if (problems.length > 0) throw new DomainError('VALIDATION', problems[0]!.message, problems);
  return definition;
}

function summaryOf(r: Selectable<ServiceMatterTable>): MatterSummary {
  const m = r.definition as ServiceMatter;
  return {
    code: r.code,
    name: r.name,
    category: m.category,
    departmentType: r.department_type,
    departmentName:
      departmentTypes.find((t) => t.code === r.department_type)?.name ?? r.department_type,
    timeLimitDays: m.timeLimitDays,
    online: m.online,
    enabled: r.enabled,
    version: r.version,
  };
}

export function viewOf(r: Selectable<ServiceMatterTable>): MatterView {
  return {
    ...summaryOf(r),
    definition: r.definition as Record<string, unknown>,
    updatedAt: r.updated_at.toISOString(),
  };
}
