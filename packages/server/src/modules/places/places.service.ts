import {
  DomainError,
  isWithinAny,
  maskPhone,
  parseCreditCode,
  requirePermission,
  requirePermissionAt,
  type FieldError,
  type PlaceView,
} from '@shequ/core';
import type { OrgUnitInput, OrgUnitView } from '@shequ/core';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { FieldCipher } from '../../crypto/field-cipher';
import { withChange, type ChangeContext } from '../../db/change-context';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../../db/pg-errors';
import { findRegion } from '../regions/regions.repository';
import * as repo from './places.repository';
import { findPlace, insertPlace, listPlaces } from './places.repository';

const CHILD_KIND = { compound: 'building', building: 'unit', unit: 'house' } as const;
type PlaceInput = {
  kind: 'compound' | 'building' | 'unit' | 'house';
  name: string;
  parentId?: string | null | undefined;
  regionCode: string;
  houseUse?: string | null | undefined;
  area?: number | null | undefined;
  ownership?: string | null | undefined;
  rented?: boolean | null | undefined;
};

/** Places (compound → building → unit → house) and units / social organisations. */
export class PlacesService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
  ) {}

  private change(ctx: ActorContext, reason?: string | null): ChangeContext {
    return {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source: 'form',
      reason: reason ?? null,
      at: this.clock(),
    };
  }

  async listPlaces(
    ctx: ActorContext,
    parentId: string | undefined,
    regionCode: string | undefined,
  ): Promise<PlaceView[]> {
    const scopes = requirePermission(ctx.actor, 'person:read');
    const rows = await listPlaces(this.db, parentId ?? null, regionCode ?? null, scopes);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      parentId: r.parent_id,
      regionCode: r.region_code,
      childCount: Number(r.child_count ?? 0),
      residentCount: Number(r.resident_count ?? 0),
      houseUse: r.house_use,
      area: r.area === null ? null : Number(r.area),
      ownership: r.ownership,
      rented: r.rented,
    }));
  }

  async createPlace(ctx: ActorContext, input: PlaceInput): Promise<PlaceView> {
    let regionCode = input.regionCode;
    if (input.kind === 'compound') {
      if (input.parentId) throw fieldProblem('parentId', '小区不属于其他房屋');
      const region = await findRegion(this.db, regionCode);
      if (!region || region.valid_to !== null || !['community', 'grid'].includes(region.level)) {
        throw fieldProblem('regionCode', '请选择现有的社区（村）或网格');
      }
    } else {
      const parent = input.parentId ? await findPlace(this.db, input.parentId) : undefined;
      const allowed = parent ? CHILD_KIND[parent.kind as keyof typeof CHILD_KIND] : undefined;
      const fits =
        allowed === input.kind || (input.kind === 'house' && parent?.kind === 'building');
      if (!parent || !fits)
        throw fieldProblem('parentId', '上级房屋不存在或层级不对（小区 → 楼栋 → 单元 → 房屋）');
      regionCode = parent.region_code;
    }
    requirePermissionAt(ctx.actor, 'person:write', regionCode);
    if (
      input.kind !== 'house' &&
      (input.houseUse || input.area || input.ownership || input.rented != null)
    ) {
      throw fieldProblem('houseUse', '只有房屋才有用途、面积、产权和出租信息');
    }
    const id = await withChange(this.db, this.change(ctx), async (tx) => {
      try {
        const { id } = await insertPlace(tx, {
          kind: input.kind,
          parent_id: input.kind === 'compound' ? null : (input.parentId ?? null),
          region_code: regionCode,
          name: input.name,
          house_use: input.houseUse ?? null,
          area: input.area ?? null,
          ownership: input.ownership ?? null,
          rented: input.rented ?? null,
        });
        await this.audit.record(tx, ctx, {
          action: 'place.create',
          targetType: 'place',
          targetId: id,
          regionCode,
        });
        return id;
      } catch (error) {
        if (isUniqueViolation(error))
          throw fieldProblem('name', `同一上级下已有名为“${input.name}”的记录`, 'CONFLICT');
        throw error;
      }
    });
    const [view] = (await this.listPlaces(ctx, input.parentId ?? undefined, regionCode)).filter(
      (p) => p.id === id,
    );
    return view!;
  }

  async listOrgUnits(
    ctx: ActorContext,
    query: {
      q?: string | undefined;
      kind?: string | undefined;
      regionCode?: string | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    const scopes = requirePermission(ctx.actor, 'person:read');
    const { rows, total } = await repo.listOrgUnits(
      this.db,
      { scopes, ...query },
      query.page,
      query.pageSize,
    );
    return { items: rows.map(orgUnitView), total, page: query.page, pageSize: query.pageSize };
  }

  private checkOrgUnit(input: {
    creditCode?: string | null | undefined;
    contactPhone?: string | null | undefined;
  }) {
    const problems: FieldError[] = [];
    let creditCode: string | null = null;
    if (input.creditCode) {
      const parsed = parseCreditCode(input.creditCode);
      if (parsed.ok) creditCode = parsed.value;
      else problems.push({ path: 'creditCode', message: parsed.message });
    }
    const phone = input.contactPhone?.replace(/[\s-]/g, '') ?? null;
    if (phone && !/^(1[3-9]\d{9}|0\d{9,11}|\d{7,8})$/.test(phone)) {
      problems.push({ path: 'contactPhone', message: '联系电话不是有效的手机或固定电话号码' });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION', problems[0]!.message, problems);
    return { creditCode, phone };
  }

  async createOrgUnit(
    ctx: ActorContext,
    input: z.infer<typeof OrgUnitInput>,
  ): Promise<z.infer<typeof OrgUnitView>> {
    requirePermissionAt(ctx.actor, 'person:write', input.regionCode);
    const region = await findRegion(this.db, input.regionCode);
    if (!region || region.valid_to !== null)
      throw fieldProblem('regionCode', '请选择现有的社区（村）或网格');
    const { creditCode, phone } = this.checkOrgUnit(input);
    if (creditCode) {
      const clash = await repo.findOrgUnitByCreditCode(this.db, creditCode);
      if (clash)
        throw fieldProblem('creditCode', `该统一社会信用代码已登记：${clash.name}`, 'CONFLICT');
    }
    const id = await withChange(this.db, this.change(ctx), async (tx) => {
      const { id } = await repo.insertOrgUnit(tx, {
        name: input.name,
        credit_code: creditCode,
        kind: input.kind,
        region_code: input.regionCode,
        address: input.address ?? null,
        contact_name: input.contactName ?? null,
        contact_phone: phone ? this.cipher.encrypt(phone) : null,
        contact_phone_masked: maskPhone(phone),
        headcount: input.headcount ?? null,
      });
      await this.audit.record(tx, ctx, {
        action: 'org_unit.create',
        targetType: 'org_unit',
        targetId: id,
        regionCode: input.regionCode,
      });
      return id;
    });
    return orgUnitView((await repo.findOrgUnit(this.db, id))!);
  }

  async updateOrgUnit(
    ctx: ActorContext,
    id: string,
    input: Partial<z.infer<typeof OrgUnitInput>> & { version: number },
  ): Promise<z.infer<typeof OrgUnitView>> {
    const scopes = requirePermission(ctx.actor, 'person:read');
    const current = await repo.findOrgUnit(this.db, id);
    if (!current || !isWithinAny(current.region_code, scopes))
      throw new DomainError('NOT_FOUND', '该单位不存在');
    requirePermissionAt(ctx.actor, 'person:write', current.region_code);
    if (input.regionCode && input.regionCode !== current.region_code) {
      requirePermissionAt(ctx.actor, 'person:write', input.regionCode);
    }
    const { creditCode, phone } = this.checkOrgUnit(input);
    if (creditCode && creditCode !== current.credit_code) {
      const clash = await repo.findOrgUnitByCreditCode(this.db, creditCode);
      if (clash)
        throw fieldProblem('creditCode', `该统一社会信用代码已登记：${clash.name}`, 'CONFLICT');
    }
    await withChange(this.db, this.change(ctx), async (tx) => {
      const updated = await repo.updateOrgUnit(
        tx,
        id,
        input.version,
        {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.creditCode !== undefined ? { credit_code: creditCode } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
          ...(input.address !== undefined ? { address: input.address } : {}),
          ...(input.contactName !== undefined ? { contact_name: input.contactName } : {}),
          ...(input.contactPhone !== undefined
            ? {
                contact_phone: phone ? this.cipher.encrypt(phone) : null,
                contact_phone_masked: maskPhone(phone),
              }
            : {}),
          ...(input.headcount !== undefined ? { headcount: input.headcount } : {}),
        },
        this.clock(),
      );
      if (!updated) throw new DomainError('CONFLICT', '该记录已被他人修改，请刷新后重试');
      await this.audit.record(tx, ctx, {
        action: 'org_unit.update',
        targetType: 'org_unit',
        targetId: id,
        regionCode: current.region_code,
      });
    });
    return orgUnitView((await repo.findOrgUnit(this.db, id))!);
  }
}

function fieldProblem(
  path: string,
  message: string,
  code: 'VALIDATION' | 'CONFLICT' = 'VALIDATION',
) {
  return new DomainError(code, message, [{ path, message }]);
}

function orgUnitView(
  u: NonNullable<Awaited<ReturnType<typeof repo.findOrgUnit>>>,
): z.infer<typeof OrgUnitView> {
  return {
    id: u.id,
    name: u.name,
    creditCode: u.credit_code,
    kind: u.kind,
    regionCode: u.region_code,
    regionName: u.region_name,
    address: u.address,
    contactName: u.contact_name,
    contactPhoneMasked: u.contact_phone_masked,
    headcount: u.headcount,
    version: u.version,
  };
}
