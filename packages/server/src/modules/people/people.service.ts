import {
  ageOn,
  chinaDate,
  codeName,
  derivedTags,
  DomainError,
  familyRelationCodes,
  findSpecialGroup,
  groupMembershipProblems,
  householdHeadProblems,
  isWithinAny,
  maskAddress,
  maskIdNumber,
  maskPhone,
  parseIdNumber,
  parsePersonRecord,
  requirePermission,
  requirePermissionAt,
  residenceTypes,
  scopesFor,
  type HistoryEntry,
  type HouseholdView,
  type MembershipView,
  type PersonAsOf,
  type PersonDetail,
  type PersonInput,
  type PersonPatch,
  type PersonSearchQuery,
  type PersonSummary,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  EndMembershipBody,
  LifeStatusBody,
  MembershipInput,
  MergeBody,
  PersonHouseInput,
  UnmaskBody,
  UnmaskedValues,
} from '@shequ/core';
import type { FieldCipher } from '../../crypto/field-cipher';
import { withChange, type ChangeContext, type ChangeSource } from '../../db/change-context';
import { loadSubject } from '../governance/governed-values';
import type { VerificationService } from '../governance/verification.service';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { findRegion } from '../regions/regions.repository';
import { documentIndexOf, openPii, phoneIndexOf, samePii, sealPii, type PiiValues } from './pii';
import * as repo from './people.repository';
import { historyEntries, replayAsOf } from './people-history';
import { findPlace } from '../places/places.repository';
import { isUniqueViolation } from '../../db/pg-errors';
import type { PersonRecordRow } from './people.repository';

type PersonColumns = Omit<
  repo.PersonRecordRow,
  'id' | 'region_name' | 'created_at' | 'updated_at' | 'version' | 'merged_into'
>;

/** The community database's people: search, detail, edits with history, registers and merges. */
export class PeopleService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly verification: VerificationService,
  ) {}

  today(): string {
    return chinaDate(this.clock());
  }

  change(ctx: ActorContext, source: ChangeSource, reason?: string | null): ChangeContext {
    return {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source,
      reason: reason ?? null,
      at: this.clock(),
    };
  }

  summaryOf(row: PersonRecordRow, today = this.today()): PersonSummary {
    return {
      id: row.id,
      name: row.name,
      idNumberMasked: row.id_masked,
      phoneMasked: row.phone_masked,
      sex: row.sex,
      birthDate: row.birth_date,
      age: row.birth_date ? ageOn(row.birth_date, today) : null,
      residenceType: row.residence_type,
      lifeStatus: row.life_status as PersonSummary['lifeStatus'],
      regionCode: row.region_code,
      regionName: row.region_name,
      tags: row.tags,
      derivedTags: derivedTags(
        { birthDate: row.birth_date, sex: row.sex, lifeStatus: row.life_status, housemates: null },
        today,
      ),
      flags: row.flags,
    };
  }

  /** The filter of a search, inside the caller's scopes; ID numbers and phones via blind index. */
  filterOf(
    scopes: readonly string[],
    query: Omit<PersonSearchQuery, 'page' | 'pageSize' | 'sort' | 'order'>,
  ) {
    const today = this.today();
    const filter: repo.PersonFilter = {
      scopes,
      householdNumber: query.householdNumber,
      address: query.address,
      regionCode: query.regionCode,
      group: query.group,
      tag: query.tag,
      residenceType: query.residenceType,
      lifeStatus: query.lifeStatus,
      houseId: query.houseId,
    };
    const q = query.q?.trim();
    if (q) {
      if (/^\d{15}$|^\d{17}[\dXx]$/.test(q)) filter.documentIndex = this.documentIndex(q, today);
      else if (/^1\d{10}$/.test(q)) filter.phoneIndex = phoneIndexOf(this.cipher, q) ?? undefined;
      else filter.name = q;
    }
    if (query.idNumber) filter.documentIndex = this.documentIndex(query.idNumber, today);
    if (query.phone) filter.phoneIndex = phoneIndexOf(this.cipher, query.phone) ?? undefined;
    if (query.ageMin !== undefined) filter.bornTo = shiftYears(today, -query.ageMin);
    if (query.ageMax !== undefined)
      filter.bornFrom = addDays(shiftYears(today, -(query.ageMax + 1)), 1);
    return filter;
  }

  /** The blind index of a typed document number; a 15-digit ID number is looked up as its 18. */
  private documentIndex(input: string, today: string): string {
    const parsed = parseIdNumber(input, today);
    return documentIndexOf(this.cipher, parsed.ok ? parsed.value.number : input);
  }

  async search(ctx: ActorContext, query: PersonSearchQuery) {
    const scopes = requirePermission(ctx.actor, 'person:read');
    const { page, pageSize, sort, order, ...rest } = query;
    const today = this.today();
    const { rows, total } = await repo.searchPeople(
      this.db,
      this.filterOf(scopes, rest),
      sort,
      order,
      page,
      pageSize,
    );
    await this.audit.record(null, ctx, {
      action: 'person.search',
      targetType: 'person',
      detail: { query: redactQuery(rest), page, returned: rows.length, total },
    });
    return { items: rows.map((r) => this.summaryOf(r, today)), total, page, pageSize };
  }

  /** A person in the caller's read scope, or NOT_FOUND (out-of-scope people do not exist). */
  async visible(ctx: ActorContext, id: string): Promise<PersonRecordRow> {
    const scopes = requirePermission(ctx.actor, 'person:read');
    const row = await repo.findPerson(this.db, id);
    if (!row || !isWithinAny(row.region_code, scopes)) {
      throw new DomainError('NOT_FOUND', '人员不存在或不在您的管辖范围内');
    }
    return row;
  }

  async get(ctx: ActorContext, id: string): Promise<PersonDetail> {
    const row = await this.visible(ctx, id);
    const detail = await this.detailOf(ctx, row);
    await this.audit.record(null, ctx, {
      action: 'person.read',
      targetType: 'person',
      targetId: id,
      regionCode: row.region_code,
    });
    return detail;
  }

  private async detailOf(ctx: ActorContext, row: PersonRecordRow): Promise<PersonDetail> {
    const today = this.today();
    const pii = openPii(this.cipher, row.pii);
    const [household, houses, memberships] = await Promise.all([
      this.householdOfPerson(row.id),
      repo.listPersonHouses(this.db, row.id),
      repo.listMemberships(this.db, row.id),
    ]);
    const primary = houses.find((h) => h.relation === 'lives' && h.is_primary && !h.end_date);
    const housemates = primary
      ? (
          await repo.searchPeople(
            this.db,
            { scopes: [''], houseId: primary.house_id, lifeStatus: 'active' },
            'name',
            'asc',
            1,
            1,
          )
        ).total - 1
      : null;
    const summary = this.summaryOf(row, today);
    return {
      ...summary,
      derivedTags: derivedTags(
        { birthDate: row.birth_date, sex: row.sex, lifeStatus: row.life_status, housemates },
        today,
      ),
      formerNames: row.former_names,
      documentType: row.document_type,
      ethnicity: row.ethnicity,
      registeredAddressMasked: maskAddress(pii.registeredAddress),
      currentAddressMasked: maskAddress(pii.currentAddress),
      politicalStatus: row.political_status,
      maritalStatus: row.marital_status,
      education: row.education,
      occupation: row.occupation,
      employer: row.employer,
      health: row.health,
      note: row.note,
      lifeStatusDate: row.life_status_date,
      mergedInto: row.merged_into,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      household,
      houses: houses.map((h) => ({
        id: h.id,
        houseId: h.house_id,
        address: h.address,
        relation: h.relation,
        isPrimary: h.is_primary,
        startDate: h.start_date,
        endDate: h.end_date,
      })),
      groups: memberships.map(membershipView),
      canUnmask: isWithinAny(row.region_code, scopesFor(ctx.actor, 'person:unmask')),
    };
  }

  private async householdOfPerson(personId: string): Promise<HouseholdView | null> {
    const household = await repo.findCurrentHousehold(this.db, personId);
    return household ? this.householdView(household) : null;
  }

  private async householdView(
    household: NonNullable<Awaited<ReturnType<typeof repo.findHousehold>>>,
  ): Promise<HouseholdView> {
    const members = await repo.listHouseholdMembers(this.db, household.id);
    return {
      id: household.id,
      number: household.number,
      householdType: household.household_type,
      regionCode: household.region_code,
      regionName: household.region_name,
      members: members.map((m) => ({
        personId: m.person_id,
        name: m.name,
        idNumberMasked: m.id_masked,
        relation: m.relation,
        relationName: codeName(familyRelationCodes, m.relation) ?? m.relation,
        sex: m.sex,
        birthDate: m.birth_date,
        joinedOn: m.joined_on,
      })),
      problems: householdHeadProblems(members),
    };
  }

  async getHousehold(ctx: ActorContext, id: string): Promise<HouseholdView> {
    const scopes = requirePermission(ctx.actor, 'person:read');
    const household = await repo.findHousehold(this.db, id);
    if (!household || !isWithinAny(household.region_code, scopes)) {
      throw new DomainError('NOT_FOUND', '该户不存在或不在您的管辖范围内');
    }
    await this.audit.record(null, ctx, {
      action: 'household.read',
      targetType: 'household',
      targetId: id,
      regionCode: household.region_code,
    });
    return this.householdView(household);
  }

  /** The plain sensitive values, for a stated purpose; needs person:unmask and is audited. */
  async unmask(
    ctx: ActorContext,
    id: string,
    body: z.infer<typeof UnmaskBody>,
  ): Promise<z.infer<typeof UnmaskedValues>> {
    const row = await this.visible(ctx, id);
    if (!isWithinAny(row.region_code, scopesFor(ctx.actor, 'person:unmask'))) {
      await this.audit.record(null, ctx, {
        action: 'person.unmask',
        outcome: 'denied',
        targetType: 'person',
        targetId: id,
        regionCode: row.region_code,
        detail: { fields: body.fields, purpose: body.purpose },
      });
      throw new DomainError('FORBIDDEN', '您的角色无权查看完整的敏感信息');
    }
    const pii = openPii(this.cipher, row.pii);
    await this.audit.record(
      null,
      { ...ctx, purpose: body.purpose },
      {
        action: 'person.unmask',
        targetType: 'person',
        targetId: id,
        regionCode: row.region_code,
        detail: { fields: body.fields },
      },
    );
    return Object.fromEntries(body.fields.map((f) => [f, pii[f]]));
  }

  /** Validates a full set of values through the domain rules; throws VALIDATION naming fields. */
  private parse(input: Record<string, unknown>) {
    const cells: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(input)) {
      if (key === 'tags') cells.tags = Array.isArray(value) ? value.join(',') : null;
      else if (key === 'residenceType') {
        const found = residenceTypes.find((t) => t.code === value);
        cells.residenceType = found ? found.name : null;
      } else if (key !== 'version' && key !== 'reason')
        cells[key] = value == null ? null : String(value);
    }
    const result = parsePersonRecord(cells, this.today());
    if (!result.ok) {
      throw new DomainError('VALIDATION', result.errors[0]!.message, result.errors);
    }
    return result.value;
  }

  private columnsOf(record: ReturnType<PeopleService['parse']>, regionCode: string) {
    const a = record.attributes;
    const pii: PiiValues = {
      idNumber: a.idNumber,
      phone: a.phone,
      registeredAddress: a.registeredAddress,
      currentAddress: a.currentAddress,
    };
    return {
      pii,
      columns: {
        region_code: regionCode,
        name: a.name,
        former_names: a.formerNames,
        document_type: a.documentType,
        document_bidx: documentIndexOf(this.cipher, a.idNumber),
        phone_bidx: phoneIndexOf(this.cipher, a.phone),
        id_masked: maskIdNumber(a.idNumber),
        phone_masked: maskPhone(a.phone),
        sex: a.sex,
        birth_date: a.birthDate,
        ethnicity: a.ethnicity,
        residence_type: a.residenceType,
        political_status: a.politicalStatus,
        marital_status: a.maritalStatus,
        education: a.education,
        occupation: a.occupation,
        employer: a.employer,
        health: a.health,
        tags: a.tags,
        flags: record.flags,
        note: a.note,
      } satisfies Omit<
        PersonColumns,
        'pii' | 'life_status' | 'life_status_date' | 'life_status_reported_by'
      >,
    };
  }

  private async requirePlaceRegion(regionCode: string) {
    const region = await findRegion(this.db, regionCode);
    if (!region || region.valid_to !== null || !['community', 'grid'].includes(region.level)) {
      throw new DomainError('VALIDATION', '所属社区不存在或不是社区（村）、网格', [
        { path: 'regionCode', message: '请选择现有的社区（村）或网格' },
      ]);
    }
  }

  /** The holder is named only to someone who may read them; otherwise only that it exists. */
  private alreadyRegistered(
    ctx: ActorContext,
    holder: { name: string; region_name: string; region_code: string },
  ): DomainError {
    const message = isWithinAny(holder.region_code, scopesFor(ctx.actor, 'person:read'))
      ? `该证件号码已登记：${holder.name}（${holder.region_name}）`
      : '该证件号码已在您管辖范围以外登记，请联系其所在社区办理迁入';
    return new DomainError('CONFLICT', '该证件号码已登记', [{ path: 'idNumber', message }]);
  }

  async create(ctx: ActorContext, input: PersonInput): Promise<PersonDetail> {
    requirePermissionAt(ctx.actor, 'person:write', input.regionCode);
    await this.requirePlaceRegion(input.regionCode);
    const record = this.parse(input);
    const { pii, columns } = this.columnsOf(record, input.regionCode);
    const existing = await repo.findByDocumentIndex(this.db, columns.document_bidx);
    if (existing.length > 0) throw this.alreadyRegistered(ctx, existing[0]!);
    const id = await withChange(this.db, this.change(ctx, 'form'), async (tx) => {
      const { id } = await repo.insertPerson(tx, { ...columns, pii: sealPii(this.cipher, pii) });
      await this.verification.track(tx, ctx, id, null, 'form');
      await this.audit.record(tx, ctx, {
        action: 'person.create',
        targetType: 'person',
        targetId: id,
        regionCode: input.regionCode,
      });
      return id;
    });
    return this.detailOf(ctx, (await repo.findPerson(this.db, id))!);
  }

  async update(ctx: ActorContext, id: string, patch: PersonPatch): Promise<PersonDetail> {
    const row = await this.visible(ctx, id);
    requirePermissionAt(ctx.actor, 'person:write', row.region_code);
    if (row.merged_into)
      throw new DomainError('CONFLICT', '该人员已合并到其他记录，请修改合并后的记录');
    const regionCode = patch.regionCode ?? row.region_code;
    if (regionCode !== row.region_code) {
      requirePermissionAt(ctx.actor, 'person:write', regionCode);
      await this.requirePlaceRegion(regionCode);
    }
    const current = openPii(this.cipher, row.pii);
    const merged = {
      name: row.name,
      formerNames: row.former_names,
      documentType: row.document_type,
      sex: row.sex,
      birthDate: row.birth_date,
      ethnicity: row.ethnicity,
      residenceType: row.residence_type,
      politicalStatus: row.political_status,
      maritalStatus: row.marital_status,
      education: row.education,
      occupation: row.occupation,
      employer: row.employer,
      health: row.health,
      tags: row.tags,
      note: row.note,
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    const record = this.parse(merged);
    const { pii, columns } = this.columnsOf(record, regionCode);
    if (columns.document_bidx !== row.document_bidx) {
      const clash = (await repo.findByDocumentIndex(this.db, columns.document_bidx)).filter(
        (p) => p.id !== id,
      );
      if (clash.length > 0) throw this.alreadyRegistered(ctx, clash[0]!);
    }
    const values = {
      ...columns,
      ...(samePii(pii, current) ? {} : { pii: sealPii(this.cipher, pii) }),
    };
    await withChange(this.db, this.change(ctx, 'form', patch.reason), async (tx) => {
      const before = await loadSubject(tx, id);
      const updated = await repo.updatePerson(tx, id, patch.version, values, this.clock());
      if (!updated) {
        throw new DomainError('CONFLICT', '该记录已被他人修改，请刷新后重试', [
          { path: 'version', message: '记录版本已变化' },
        ]);
      }
      await this.verification.track(tx, ctx, id, before!, 'form');
      await this.audit.record(tx, ctx, {
        action: 'person.update',
        targetType: 'person',
        targetId: id,
        regionCode,
        detail: { fields: Object.keys(patch).filter((k) => k !== 'version' && k !== 'reason') },
      });
    });
    return this.detailOf(ctx, (await repo.findPerson(this.db, id))!);
  }

  /**
   * Moves a person out, back in, or reports a death. A reported death must be confirmed by someone
   * other than the reporter ({@link confirmDeath}).
   */
  async setLifeStatus(
    ctx: ActorContext,
    id: string,
    body: z.infer<typeof LifeStatusBody>,
  ): Promise<PersonDetail> {
    const row = await this.visible(ctx, id);
    requirePermissionAt(ctx.actor, 'person:write', row.region_code);
    if (row.life_status === 'deceased')
      throw new DomainError('CONFLICT', '已确认死亡的人员不能再改变状态');
    if (body.date > this.today()) {
      throw new DomainError('VALIDATION', '日期不能晚于今天', [
        { path: 'date', message: '日期不能晚于今天' },
      ]);
    }
    await withChange(this.db, this.change(ctx, 'form', body.reason), async (tx) => {
      const updated = await repo.updatePerson(
        tx,
        id,
        body.version,
        {
          life_status: body.status,
          life_status_date: body.status === 'active' ? null : body.date,
          life_status_reported_by: body.status === 'deceased_reported' ? ctx.actor.userId : null,
        },
        this.clock(),
      );
      if (!updated) throw new DomainError('CONFLICT', '该记录已被他人修改，请刷新后重试');
      await this.audit.record(tx, ctx, {
        action: 'person.life_status',
        targetType: 'person',
        targetId: id,
        regionCode: row.region_code,
        detail: { status: body.status, date: body.date },
      });
    });
    return this.detailOf(ctx, (await repo.findPerson(this.db, id))!);
  }

  async confirmDeath(ctx: ActorContext, id: string, version: number): Promise<PersonDetail> {
    const row = await this.visible(ctx, id);
    requirePermissionAt(ctx.actor, 'person:write', row.region_code);
    if (row.life_status !== 'deceased_reported') {
      throw new DomainError('CONFLICT', '只有“死亡待确认”的人员才能确认死亡');
    }
    if (row.life_status_reported_by === ctx.actor.userId) {
      throw new DomainError('FORBIDDEN', '死亡报告须由另一名工作人员确认');
    }
    await withChange(this.db, this.change(ctx, 'form', '确认死亡'), async (tx) => {
      const updated = await repo.updatePerson(
        tx,
        id,
        version,
        { life_status: 'deceased' },
        this.clock(),
      );
      if (!updated) throw new DomainError('CONFLICT', '该记录已被他人修改，请刷新后重试');
      await this.audit.record(tx, ctx, {
        action: 'person.confirm_death',
        targetType: 'person',
        targetId: id,
        regionCode: row.region_code,
      });
    });
    return this.detailOf(ctx, (await repo.findPerson(this.db, id))!);
  }

  /** Every recorded change of the person and their attached records, newest first, masked. */
  async history(ctx: ActorContext, id: string): Promise<HistoryEntry[]> {
    const row = await this.visible(ctx, id);
    const changes = await repo.listChanges(this.db, await repo.historyEntityIds(this.db, id));
    await this.audit.record(null, ctx, {
      action: 'person.history',
      targetType: 'person',
      targetId: id,
      regionCode: row.region_code,
    });
    const houseIds = new Set<string>();
    for (const c of changes) {
      for (const values of [c.old_values, c.new_values]) {
        if (typeof values?.house_id === 'string') houseIds.add(values.house_id);
      }
    }
    const addresses = await repo.houseAddresses(this.db, [...houseIds]);
    return historyEntries(this.cipher, changes, addresses);
  }

  /** The person's attributes and registers as they stood at the end of `date` (China time). */
  async asOf(ctx: ActorContext, id: string, date: string): Promise<PersonAsOf> {
    const row = await this.visible(ctx, id);
    const until = new Date(`${addDays(date, 1)}T00:00:00+08:00`);
    const changes = await repo.listChanges(
      this.db,
      await repo.historyEntityIds(this.db, id),
      until,
    );
    await this.audit.record(null, ctx, {
      action: 'person.as_of',
      targetType: 'person',
      targetId: id,
      regionCode: row.region_code,
      detail: { date },
    });
    return replayAsOf(this.cipher, id, date, changes);
  }

  async addMembership(
    ctx: ActorContext,
    id: string,
    input: z.infer<typeof MembershipInput>,
  ): Promise<MembershipView> {
    const row = await this.visible(ctx, id);
    requirePermissionAt(ctx.actor, 'person:write', row.region_code);
    const active = (await repo.listMemberships(this.db, id)).filter((m) => m.status === 'active');
    const problems = groupMembershipProblems(
      {
        groupCode: input.groupCode,
        attentionLevel: input.attentionLevel ?? null,
        attributes: input.attributes,
      },
      active.map((m) => m.group_code),
    );
    if (active.some((m) => m.group_code === input.groupCode)) {
      problems.push({ path: 'groupCode', message: '该人员已在此人群中登记' });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION', problems[0]!.message, problems);
    const group = findSpecialGroup(input.groupCode)!;
    const membershipId = await withChange(this.db, this.change(ctx, 'form'), async (tx) => {
      const before = await loadSubject(tx, id);
      const { id: mid } = await repo.insertMembership(tx, {
        person_id: id,
        group_code: input.groupCode,
        start_date: input.startDate,
        attention_level: input.attentionLevel ?? null,
        verifying_department_type: group.verifyingDepartmentType,
        attributes: JSON.stringify(input.attributes),
      });
      await this.verification.track(tx, ctx, id, before!, 'form');
      await this.audit.record(tx, ctx, {
        action: 'person.group.add',
        targetType: 'person',
        targetId: id,
        regionCode: row.region_code,
        detail: { groupCode: input.groupCode },
      });
      return mid;
    });
    return membershipView((await repo.findMembership(this.db, membershipId))!);
  }

  async endMembership(
    ctx: ActorContext,
    id: string,
    membershipId: string,
    body: z.infer<typeof EndMembershipBody>,
  ): Promise<MembershipView> {
    const row = await this.visible(ctx, id);
    requirePermissionAt(ctx.actor, 'person:write', row.region_code);
    const membership = await repo.findMembership(this.db, membershipId);
    if (!membership || membership.person_id !== id)
      throw new DomainError('NOT_FOUND', '该登记不存在');
    if (membership.status !== 'active') throw new DomainError('CONFLICT', '该登记已结束');
    if (body.endDate < membership.start_date) {
      throw new DomainError('VALIDATION', '结束日期不能早于开始日期', [
        { path: 'endDate', message: '结束日期不能早于开始日期' },
      ]);
    }
    await withChange(this.db, this.change(ctx, 'form', body.endReason), async (tx) => {
      const before = await loadSubject(tx, id);
      await repo.endMembership(tx, membershipId, body.endDate, body.endReason, this.clock());
      await this.verification.track(tx, ctx, id, before!, 'form');
      await this.audit.record(tx, ctx, {
        action: 'person.group.end',
        targetType: 'person',
        targetId: id,
        regionCode: row.region_code,
        detail: { groupCode: membership.group_code },
      });
    });
    return membershipView((await repo.findMembership(this.db, membershipId))!);
  }

  async groupRegister(
    ctx: ActorContext,
    groupCode: string,
    query: {
      status: 'active' | 'ended';
      regionCode?: string | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    const scopes = requirePermission(ctx.actor, 'person:read');
    if (!findSpecialGroup(groupCode)) throw new DomainError('NOT_FOUND', '没有这个人群类别');
    const { rows, total } = await repo.listGroupRegister(
      this.db,
      groupCode,
      query.status,
      scopes,
      query.regionCode,
      query.page,
      query.pageSize,
    );
    await this.audit.record(null, ctx, {
      action: 'group.register.read',
      targetType: 'group',
      targetId: null,
      detail: { groupCode, page: query.page, returned: rows.length },
    });
    const today = this.today();
    return {
      items: rows.map((r) => ({
        membershipId: r.membership_id,
        person: this.summaryOf(r, today),
        status: r.membership_status,
        startDate: r.membership_start,
        endDate: r.membership_end,
        attentionLevel: r.attention_level,
        attributes: r.attributes,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Links a person to a house; a new primary residence ends the previous one. */
  async addHouse(ctx: ActorContext, id: string, input: z.infer<typeof PersonHouseInput>) {
    const row = await this.visible(ctx, id);
    requirePermissionAt(ctx.actor, 'person:write', row.region_code);
    const house = await findPlace(this.db, input.houseId);
    if (!house || house.kind !== 'house') {
      throw new DomainError('VALIDATION', '房屋不存在', [
        { path: 'houseId', message: '请选择一处房屋' },
      ]);
    }
    requirePermissionAt(ctx.actor, 'person:read', house.region_code);
    const isPrimaryResidence = input.relation === 'lives' && input.isPrimary;
    if (isPrimaryResidence) {
      const current = (await repo.listPersonHouses(this.db, id)).find(
        (h) => h.relation === 'lives' && h.is_primary && !h.end_date,
      );
      if (current && input.startDate < current.start_date) {
        const message = `新主要居所的开始日期不能早于现主要居所的开始日期（${current.start_date}）`;
        throw new DomainError('VALIDATION', message, [{ path: 'startDate', message }]);
      }
    }
    await withChange(this.db, this.change(ctx, 'form'), async (tx) => {
      if (isPrimaryResidence) {
        await repo.endPrimaryResidence(tx, id, input.startDate, this.clock());
      }
      try {
        await repo.insertPersonHouse(tx, {
          person_id: id,
          house_id: input.houseId,
          relation: input.relation,
          is_primary: input.relation === 'lives' && input.isPrimary,
          start_date: input.startDate,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError('CONFLICT', '该人员与这处房屋已有相同的关系', [
            { path: 'houseId', message: '该人员与这处房屋已有相同的关系' },
          ]);
        }
        throw error;
      }
      await this.audit.record(tx, ctx, {
        action: 'person.house.add',
        targetType: 'person',
        targetId: id,
        regionCode: row.region_code,
        detail: { houseId: input.houseId, relation: input.relation },
      });
    });
    return this.detailOf(ctx, (await repo.findPerson(this.db, id))!);
  }

  async duplicates(ctx: ActorContext) {
    const scopes = requirePermission(ctx.actor, 'person:merge');
    const groups = await repo.findDuplicateGroups(this.db, scopes, 200);
    const all = await repo.findPeople(this.db, [
      ...groups.sameId.flat(),
      ...groups.sameNameBirth.flat(),
    ]);
    const byId = new Map(all.map((p) => [p.id, p]));
    const today = this.today();
    const view = (ids: string[]) =>
      ids.flatMap((i) => (byId.has(i) ? [this.summaryOf(byId.get(i)!, today)] : []));
    await this.audit.record(null, ctx, {
      action: 'person.duplicates',
      targetType: 'person',
      detail: { sameId: groups.sameId.length, sameNameBirth: groups.sameNameBirth.length },
    });
    return [
      ...groups.sameId.map((ids) => ({ reason: 'same_id_number' as const, people: view(ids) })),
      ...groups.sameNameBirth.map((ids) => ({
        reason: 'same_name_birth_date' as const,
        people: view(ids),
      })),
    ];
  }

  /**
   * Merges a duplicate into the record kept: the duplicate is marked merged (never deleted), its
   * current household, houses and registers move over where the kept record has none, and both
   * histories stay readable from the kept record.
   */
  async merge(ctx: ActorContext, body: z.infer<typeof MergeBody>): Promise<PersonDetail> {
    if (body.keepId === body.mergeId) {
      throw new DomainError('VALIDATION', '不能与自身合并', [
        { path: 'mergeId', message: '请选择另一条记录' },
      ]);
    }
    const scopes = requirePermission(ctx.actor, 'person:merge');
    const [keep, merge] = await Promise.all([
      this.visible(ctx, body.keepId),
      this.visible(ctx, body.mergeId),
    ]);
    for (const [p, path] of [
      [keep, 'keepId'],
      [merge, 'mergeId'],
    ] as const) {
      if (!isWithinAny(p.region_code, scopes))
        throw new DomainError('OUT_OF_SCOPE', '该人员不在您的管辖范围内');
      if (p.merged_into) {
        throw new DomainError('CONFLICT', '该记录已被合并', [{ path, message: '该记录已被合并' }]);
      }
    }
    await withChange(this.db, this.change(ctx, 'merge', body.reason), async (tx) => {
      await repo.reattachRecords(tx, merge.id, keep.id, this.clock(), this.today());
      const marked = await repo.updatePerson(
        tx,
        merge.id,
        merge.version,
        { merged_into: keep.id },
        this.clock(),
      );
      if (!marked) throw new DomainError('CONFLICT', '该记录刚被他人修改，请刷新后重试');
      await this.audit.record(tx, ctx, {
        action: 'person.merge',
        targetType: 'person',
        targetId: keep.id,
        regionCode: keep.region_code,
        detail: { merged: merge.id },
      });
    });
    return this.detailOf(ctx, (await repo.findPerson(this.db, keep.id))!);
  }
}

function membershipView(
  m: NonNullable<Awaited<ReturnType<typeof repo.findMembership>>>,
): MembershipView {
  return {
    id: m.id,
    groupCode: m.group_code,
    groupName: findSpecialGroup(m.group_code)?.name ?? m.group_code,
    status: m.status,
    endReason: m.end_reason,
    startDate: m.start_date,
    endDate: m.end_date,
    attentionLevel: m.attention_level,
    verifyingDepartmentType: m.verifying_department_type,
    attributes: m.attributes,
  };
}

/** Search terms that are ID numbers or phones are not written to the audit trail in the clear. */
function redactQuery(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (k === 'idNumber' && typeof v === 'string') out[k] = maskIdNumber(v);
    else if (k === 'phone' && typeof v === 'string') out[k] = maskPhone(v);
    else if (k === 'q' && typeof v === 'string' && /\d{7,}/.test(v)) out[k] = `${v.slice(0, 3)}***`;
    else out[k] = v;
  }
  return out;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}
