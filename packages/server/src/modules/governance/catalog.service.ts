import {
  applyCatalogSettings,
  catalogSettingProblems,
  defaultDataElements,
  departmentTypes,
  DomainError,
  elementCodeSet,
  findDataElement,
  requirePermission,
  requirePermissionAt,
  type CatalogSetting,
  type CatalogSettingInput,
  type CatalogView,
  type DataElement,
  type DataElementView,
  type DepartmentTypeCode,
  type HistoryEntry,
} from '@shequ/core';
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { withChange } from '../../db/change-context';
import type { CatalogSettingTable, Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { Executor } from '../audit/audit.repository';
import type { AuditService } from '../audit/audit.service';

/** The city (地级市) a region code belongs to: its first four digits. */
export function cityOf(regionCode: string): string {
  return regionCode.slice(0, 4);
}

const typeName = (code: string | null) =>
  code === null ? null : (departmentTypes.find((t) => t.code === code)?.shortName ?? code);

/**
 * The data element catalog as each city configured it: core's defaults with the city's
 * `catalog_setting` rows laid over them. Read by everyone on staff; changed by the city's
 * informatization administrator, with a reason and a history.
 */
export class CatalogService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
  ) {}

  /** The effective catalog of a city (settings read in the caller's transaction when given). */
  async elementsOf(cityCode: string, db: Executor = this.db): Promise<DataElement[]> {
    const settings = await loadSettings(db, cityCode);
    return applyCatalogSettings(defaultDataElements, settings.map(settingOf));
  }

  /** One element as configured for the city of a region. */
  async element(regionCode: string, code: string, db: Executor = this.db) {
    const base = findDataElement(code);
    if (!base) return undefined;
    const setting = await db
      .selectFrom('catalog_setting')
      .selectAll()
      .where('city_code', '=', cityOf(regionCode))
      .where('element_code', '=', code)
      .executeTakeFirst();
    return setting ? applyCatalogSettings([base], [settingOf(setting)])[0]! : base;
  }

  async view(ctx: ActorContext, requested?: string): Promise<CatalogView> {
    const scopes = requirePermission(ctx.actor, 'catalog:read');
    const cityCode = cityOf(requested ?? ctx.session.currentRegionCode ?? scopes[0] ?? '');
    const city = await this.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', '=', cityCode)
      .where('level', '=', 'city')
      .executeTakeFirst();
    if (!city) {
      throw new DomainError('VALIDATION', '请选择一个地级市', [
        { path: 'city', message: `${cityCode || '（空）'} 不是地级市区划代码` },
      ]);
    }
    const settings = await loadSettings(this.db, city.code);
    const byCode = new Map(settings.map((s) => [s.element_code, s]));
    const elements = applyCatalogSettings(defaultDataElements, settings.map(settingOf));
    return {
      cityCode: city.code,
      cityName: city.name,
      elements: elements.map((e) => elementView(e, byCode.get(e.code))),
    };
  }

  /** Who changed a city's setting of an element, when, why, from what to what; newest first. */
  async history(ctx: ActorContext, cityCode: string, elementCode: string): Promise<HistoryEntry[]> {
    requirePermission(ctx.actor, 'catalog:read');
    if (!findDataElement(elementCode)) {
      throw new DomainError('NOT_FOUND', `数据元 ${elementCode} 不存在`);
    }
    const rows = await this.db
      .selectFrom('entity_change as c')
      .innerJoin('catalog_setting as s', 's.id', 'c.entity_id')
      .select([
        'c.seq',
        'c.op',
        'c.changed_at',
        'c.actor_name',
        'c.source',
        'c.reason',
        'c.old_values',
        'c.new_values',
      ])
      .where('c.entity', '=', 'catalog_setting')
      .where('s.city_code', '=', cityCode)
      .where('s.element_code', '=', elementCode)
      .orderBy('c.seq', 'desc')
      .execute();
    const show = (key: string, value: unknown): string | null => {
      if (value === null || value === undefined) return null;
      if (key === 'verifier') return typeName(String(value));
      if (key === 'comparers' && Array.isArray(value)) {
        return value.map((v) => typeName(String(v))).join('、');
      }
      return String(value);
    };
    return rows.map((r) => {
      const before = (r.old_values ?? {}) as Record<string, unknown>;
      const after = (r.new_values ?? {}) as Record<string, unknown>;
      return {
        seq: Number(r.seq),
        entity: '数据元配置',
        op: r.op,
        changedAt: r.changed_at.toISOString(),
        actorName: r.actor_name,
        source: r.source,
        reason: r.reason,
        changes: Object.keys(SETTING_LABELS)
          .filter((k) => k in after || k in before)
          .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
          .map((k) => ({
            field: k,
            label: SETTING_LABELS[k]!,
            old: show(k, before[k]),
            new: show(k, after[k]),
          })),
      };
    });
  }

  async update(
    ctx: ActorContext,
    cityCode: string,
    elementCode: string,
    input: CatalogSettingInput,
  ): Promise<DataElementView> {
    requirePermissionAt(ctx.actor, 'catalog:manage', cityCode);
    const base = findDataElement(elementCode);
    if (!base) throw new DomainError('NOT_FOUND', `数据元 ${elementCode} 不存在`);
    const setting: CatalogSetting = {
      elementCode,
      verifier: input.verifier as DepartmentTypeCode | null,
      comparers: input.comparers as DepartmentTypeCode[],
      cycle: input.cycle,
      timeLimitDays: input.timeLimitDays,
      sensitivity: input.sensitivity,
    };
    const problems = catalogSettingProblems(setting);
    if (problems.length > 0) throw new DomainError('VALIDATION', problems[0]!.message, problems);
    const now = this.clock();
    const change = {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source: 'form' as const,
      reason: input.reason,
      at: now,
    };
    const saved = await withChange(this.db, change, async (tx) => {
      const existing = await tx
        .selectFrom('catalog_setting')
        .selectAll()
        .where('city_code', '=', cityCode)
        .where('element_code', '=', elementCode)
        .forUpdate()
        .executeTakeFirst();
      if ((existing?.version ?? null) !== input.version) {
        throw new DomainError('CONFLICT', '该数据元的配置已被他人修改，请刷新后重试', [
          { path: 'version', message: '配置版本已变化' },
        ]);
      }
      const values = {
        verifier: setting.verifier,
        comparers: [...setting.comparers],
        cycle: setting.cycle,
        time_limit_days: setting.timeLimitDays,
        sensitivity: setting.sensitivity,
        updated_by: ctx.actor.userId,
        updated_at: now,
      };
      const row = existing
        ? await tx
            .updateTable('catalog_setting')
            .set({ ...values, version: sql`version + 1` })
            .where('id', '=', existing.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : await tx
            .insertInto('catalog_setting')
            .values({ ...values, city_code: cityCode, element_code: elementCode, created_at: now })
            .returningAll()
            .executeTakeFirstOrThrow();
      await this.audit.record(tx, ctx, {
        action: 'catalog.update',
        targetType: 'data_element',
        targetId: elementCode,
        regionCode: cityCode,
        detail: {
          reason: input.reason,
          verifier: setting.verifier,
          comparers: setting.comparers,
          previousVerifier: existing ? existing.verifier : base.verifier,
        },
      });
      return row;
    });
    return elementView(applyCatalogSettings([base], [settingOf(saved)])[0]!, saved);
  }
}

const SETTING_LABELS: Record<string, string> = {
  verifier: '核验部门',
  comparers: '比对部门',
  cycle: '更新周期',
  time_limit_days: '办理时限（天）',
  sensitivity: '敏感级别',
};

async function loadSettings(db: Executor, cityCode: string) {
  return db.selectFrom('catalog_setting').selectAll().where('city_code', '=', cityCode).execute();
}

function settingOf(row: Selectable<CatalogSettingTable>): CatalogSetting {
  return {
    elementCode: row.element_code,
    verifier: row.verifier as DepartmentTypeCode | null,
    comparers: row.comparers as DepartmentTypeCode[],
    cycle: row.cycle,
    timeLimitDays: row.time_limit_days,
    sensitivity: row.sensitivity,
  };
}

function elementView(
  e: DataElement,
  setting: Selectable<CatalogSettingTable> | undefined,
): DataElementView {
  return {
    code: e.code,
    name: e.name,
    type: e.type,
    codeSet: e.codeSet ?? null,
    codeSetName: elementCodeSet(e)?.name ?? null,
    unit: e.unit ?? null,
    sensitivity: e.sensitivity,
    verifier: e.verifier,
    verifierName: typeName(e.verifier),
    comparers: [...e.comparers],
    comparerNames: e.comparers.map((c) => typeName(c)!),
    collector: e.collector,
    cycle: e.cycle,
    timeLimitDays: e.timeLimitDays,
    configured: setting !== undefined,
    settingVersion: setting?.version ?? null,
  };
}
