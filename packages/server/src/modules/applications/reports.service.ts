import {
  chinaDate,
  codeLengthOfLevel,
  departmentTypes,
  DomainError,
  grantsWith,
  isWithin,
  levelOfCode,
  regionLevels,
  type ApplicationBoard,
  type ApplicationStatistics,
  type StatisticsQuery,
} from '@shequ/core';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { findDepartmentsByIds } from '../governance/governance.repository';

const OPEN = ['submitted', 'processing', 'supplement'] as const;

/**
 * Supervision (督办) and statistics of applications, for whoever supervises a region: the yellow
 * and red counts by sub-region, and per matter, region or department what was received, decided,
 * decided on time, how long it took, returned for supplement and rejected.
 */
export class ApplicationReportsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
  ) {}

  /**
   * The supervising reach for a region: the grant covering it, and for a department grant the
   * department type whose matters it supervises. OUT_OF_SCOPE outside every grant.
   */
  private async reach(ctx: ActorContext, requested: string | undefined) {
    const grants = grantsWith(ctx.actor, 'application:supervise');
    if (grants.length === 0) throw new DomainError('FORBIDDEN', '您的角色无权查看督办与统计');
    const active = grants.find((g) => g.id === ctx.actor.activeGrantId) ?? grants[0]!;
    const regionCode = requested ?? active.regionCode;
    const grant = grants.find((g) => isWithin(regionCode, g.regionCode));
    if (!grant) throw new DomainError('OUT_OF_SCOPE', '该区域不在您的管辖范围内');
    const [department] = grant.departmentId
      ? await findDepartmentsByIds(this.db, [grant.departmentId])
      : [];
    const level = levelOfCode(regionCode);
    const childLevel = level ? regionLevels[regionLevels.indexOf(level) + 1] : undefined;
    if (!childLevel || childLevel === 'grid') {
      throw new DomainError('VALIDATION', '请选择社区（村）以上的区域', [
        { path: 'regionCode', message: '社区（村）以下不再细分' },
      ]);
    }
    return {
      regionCode,
      childLength: codeLengthOfLevel[childLevel],
      departmentType: department?.type_code ?? null,
    };
  }

  /** Open applications by sub-region: in progress, yellow, red, returned, extension requests. */
  async board(ctx: ActorContext, regionCode?: string): Promise<ApplicationBoard> {
    const reach = await this.reach(ctx, regionCode);
    const today = chinaDate(this.clock());
    let query = this.db
      .selectFrom('application as a')
      .select([
        sql<string>`substr(a.region_code, 1, ${reach.childLength})`.as('code'),
        (eb) => eb.fn.countAll<string>().as('open'),
        sql<string>`count(*) FILTER (WHERE a.warn_on <= ${today} AND a.deadline >= ${today})`.as(
          'warning',
        ),
        sql<string>`count(*) FILTER (WHERE a.deadline < ${today})`.as('overdue'),
        sql<string>`count(*) FILTER (WHERE a.status = 'supplement')`.as('supplement'),
        sql<string>`count(*) FILTER (WHERE a.pending_extension IS NOT NULL)`.as('extensions'),
      ])
      .where('a.status', 'in', OPEN)
      .where('a.region_code', 'like', `${reach.regionCode}%`)
      .groupBy(sql`1`);
    if (reach.departmentType) query = query.where('a.department_type', '=', reach.departmentType);
    const rows = await query.execute();
    const names = await this.namesOf(rows.map((r) => r.code));
    await this.audit.record(null, ctx, {
      action: 'application.board',
      targetType: 'region',
      targetId: reach.regionCode,
      regionCode: reach.regionCode,
    });
    const n = (v: string | number) => Number(v);
    return {
      regionCode: reach.regionCode,
      today,
      rows: rows
        .map((r) => ({
          regionCode: r.code,
          regionName: names.get(r.code) ?? r.code,
          open: n(r.open),
          warning: n(r.warning),
          overdue: n(r.overdue),
          supplement: n(r.supplement),
          extensionRequests: n(r.extensions),
        }))
        .sort(
          (a, b) =>
            b.overdue - a.overdue ||
            b.warning - a.warning ||
            a.regionCode.localeCompare(b.regionCode),
        ),
    };
  }

  /** Received, decided, on time, average handling time, returned, rejected — by matter, sub-region or department. */
  async statistics(ctx: ActorContext, query: StatisticsQuery): Promise<ApplicationStatistics> {
    const reach = await this.reach(ctx, query.regionCode);
    if (query.from > query.to) {
      throw new DomainError('VALIDATION', '开始日期不能晚于结束日期', [
        { path: 'from', message: '不能晚于结束日期' },
      ]);
    }
    const key =
      query.groupBy === 'matter'
        ? sql<string>`a.matter_code`
        : query.groupBy === 'department'
          ? sql<string>`a.department_type`
          : sql<string>`substr(a.region_code, 1, ${reach.childLength})`;
    const decidedOn = sql`(a.decided_at AT TIME ZONE 'Asia/Shanghai')::date`;
    let q = this.db
      .selectFrom('application as a')
      .select([
        key.as('key'),
        (eb) => eb.fn.countAll<string>().as('received'),
        sql<string>`count(*) FILTER (WHERE a.status IN ('approved','rejected'))`.as('decided'),
        sql<string>`count(*) FILTER (WHERE a.status IN ('approved','rejected')
                      AND (a.deadline IS NULL OR ${decidedOn} <= a.deadline))`.as('on_time'),
        sql<string | null>`avg(extract(epoch FROM a.decided_at - a.submitted_at) / 3600)
                      FILTER (WHERE a.status IN ('approved','rejected'))`.as('hours'),
        sql<string>`count(*) FILTER (WHERE a.returned_count > 0)`.as('returned'),
        sql<string>`count(*) FILTER (WHERE a.status = 'rejected')`.as('rejected'),
      ])
      .where('a.region_code', 'like', `${reach.regionCode}%`)
      .where(sql<SqlBool>`a.submitted_at >= ${query.from}::date AT TIME ZONE 'Asia/Shanghai'`)
      .where(sql<SqlBool>`a.submitted_at < (${query.to}::date + 1) AT TIME ZONE 'Asia/Shanghai'`)
      .groupBy(sql`1`);
    if (reach.departmentType) q = q.where('a.department_type', '=', reach.departmentType);
    if (query.matterCode) q = q.where('a.matter_code', '=', query.matterCode);
    const rows = await q.execute();
    const names =
      query.groupBy === 'region'
        ? await this.namesOf(rows.map((r) => r.key))
        : query.groupBy === 'department'
          ? new Map(departmentTypes.map((t) => [t.code as string, t.name as string]))
          : await this.matterNames(rows.map((r) => r.key));
    await this.audit.record(null, ctx, {
      action: 'application.statistics',
      targetType: 'region',
      targetId: reach.regionCode,
      regionCode: reach.regionCode,
      detail: { groupBy: query.groupBy, from: query.from, to: query.to },
    });
    return {
      regionCode: reach.regionCode,
      groupBy: query.groupBy,
      from: query.from,
      to: query.to,
      rows: rows
        .map((r) => {
          const decided = Number(r.decided);
          return {
            key: r.key,
            name: names.get(r.key) ?? r.key,
            received: Number(r.received),
            decided,
            onTime: Number(r.on_time),
            onTimeRate: decided === 0 ? null : Number(r.on_time) / decided,
            averageHours: r.hours === null ? null : Math.round(Number(r.hours) * 10) / 10,
            returned: Number(r.returned),
            rejected: Number(r.rejected),
          };
        })
        .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key)),
    };
  }

  private async namesOf(codes: readonly string[]) {
    if (codes.length === 0) return new Map<string, string>();
    const rows = await this.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', [...new Set(codes)])
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  private async matterNames(codes: readonly string[]) {
    if (codes.length === 0) return new Map<string, string>();
    const rows = await this.db
      .selectFrom('service_matter')
      .select(['code', 'name'])
      .where('code', 'in', [...new Set(codes)])
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
