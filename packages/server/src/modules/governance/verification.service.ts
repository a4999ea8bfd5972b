import {
  chinaDate,
  DomainError,
  findDataElement,
  grantsWith,
  isWithin,
  isWithinAny,
  nextValueStatus,
  normalizeElementValue,
  requirePermission,
  type BulkConfirm,
  type BulkConfirmResult,
  type ComparisonRecord,
  type ComparisonResult,
  type DataElement,
  type DiscrepancyQuery,
  type DiscrepancyRuling,
  type DiscrepancyView,
  type ElementValueView,
  type ValueEvent,
  type VerificationDecision,
  type VerificationItem,
  type VerificationQuery,
} from '@shequ/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import { withChange, type ChangeSource } from '../../db/change-context';
import type { Database, ElementValueTable, ValueSource } from '../../db/schema';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { ActorContext } from '../../http/context';
import type { Executor } from '../audit/audit.repository';
import type { AuditService } from '../audit/audit.service';
import { documentIndexOf } from '../people/pii';
import { cityOf, type CatalogService } from './catalog.service';
import {
  changedValues,
  comparisonRefusal,
  currentValue,
  isAuthoritativeRow,
  loadSubject,
  valueLabel,
  writeValue,
  type Subject,
  type ValueRow,
  valueViewOf,
} from './governed-values';
import * as repo from './governance.repository';
import {
  corroborate,
  eventNames,
  subjectOf,
  upsertCollected,
  valueEvent,
  type ActingDepartment,
  type Reach,
} from './governance.repository';

const DAY = 86_400_000;

/**
 * Verification and comparison of governed values: the status and provenance of each value, the
 * verifier's queue (confirm, reject, correct, bulk confirm), comparisons by other departments,
 * discrepancies and rulings. See ADR 0004.
 */
export class VerificationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly catalog: CatalogService,
  ) {}

  /**
   * Records the governed values a write changed, in the writer's transaction: each enters
   * “awaiting verification” with a due date, unless the writer is its verifier. `before` is the
   * subject as it was (null for a new person).
   */
  async track(
    tx: Transaction<Database>,
    ctx: ActorContext,
    personId: string,
    before: Subject | null,
    source: ValueSource,
  ): Promise<void> {
    const person = await tx
      .selectFrom('person')
      .select('region_code')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    const after = (await loadSubject(tx, personId))!;
    const elements = await this.catalog.elementsOf(cityOf(person.region_code), tx);
    const now = this.clock();
    await tx
      .updateTable('element_value')
      .set({ region_code: person.region_code, updated_at: now, version: sql`version + 1` })
      .where('person_id', '=', personId)
      .where('region_code', '<>', person.region_code)
      .execute();
    const reaches = await this.reachesOf(ctx, tx);
    const changed = changedValues(elements, before, after);
    for (const { element, value } of changed) {
      const ownVerifier = reaches.find(
        (r) => r.type === element.verifier && isWithin(person.region_code, r.scope),
      );
      await upsertCollected(tx, {
        personId,
        element,
        regionCode: person.region_code,
        value,
        source,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        at: now,
        verifiedBy: ownVerifier?.departmentId ?? null,
      });
    }
    if (changed.length > 0) {
      await valueEvent(tx, 'value.collected', personId, person.region_code, {
        ...Object.fromEntries(
          changed.map(({ element, value }) => [element.code, { value, status: 'collected' }]),
        ),
      });
    }
  }

  /** The status and provenance of every value of a person that has one. */
  async valuesOf(ctx: ActorContext, personId: string): Promise<ElementValueView[]> {
    const scopes = requirePermission(ctx.actor, 'person:read');
    const person = await this.db
      .selectFrom('person')
      .select('region_code')
      .where('id', '=', personId)
      .executeTakeFirst();
    if (!person || !isWithinAny(person.region_code, scopes)) {
      throw new DomainError('NOT_FOUND', '人员不存在或不在您的管辖范围内');
    }
    const elements = await this.catalog.elementsOf(cityOf(person.region_code));
    const byCode = new Map(elements.map((e) => [e.code, e]));
    const rows = await repo.valuesOfPerson(this.db, personId);
    return rows.flatMap((r) => {
      const element = byCode.get(r.element_code);
      return element ? [valueViewOf(r, element, this.clock())] : [];
    });
  }

  async queue(ctx: ActorContext, query: VerificationQuery) {
    requirePermission(ctx.actor, 'verification:work');
    const reaches = await this.reachesOf(ctx);
    const { rows, total } = await repo.listQueue(
      this.db,
      reaches,
      {
        ...(query.elementCode ? { elementCode: query.elementCode } : {}),
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(query.overdue ? { overdueAt: this.clock() } : {}),
      },
      query.page,
      query.pageSize,
    );
    const items: VerificationItem[] = [];
    for (const r of rows) {
      const element = await this.catalog.element(r.region_code, r.element_code);
      if (!element) continue;
      items.push({ ...valueViewOf(r, element, this.clock()), person: subjectOf(r) });
    }
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** The verifier confirms, rejects (back to the collector) or corrects one collected value. */
  async decide(ctx: ActorContext, id: string, decision: VerificationDecision) {
    requirePermission(ctx.actor, 'verification:work');
    const row = await repo.findValue(this.db, id);
    const reach = row ? await this.reachFor(ctx, row.verifier, row.region_code) : undefined;
    if (!row || !reach) throw new DomainError('NOT_FOUND', '该待核验条目不存在或不归您核验');
    const element = (await this.catalog.element(row.region_code, row.element_code))!;
    const event: ValueEvent = decision.action;
    const next = nextValueStatus(row.status, event);
    if (!next.ok) throw new DomainError('CONFLICT', next.message);
    if (row.version !== decision.version) throw stale();
    let value = row.value;
    if (decision.action === 'correct') {
      const normalized = normalizeElementValue(element, decision.value);
      if (!normalized.ok) {
        throw new DomainError('VALIDATION', normalized.message, [
          { path: 'value', message: normalized.message },
        ]);
      }
      value = normalized.value;
    }
    const reason = decision.action === 'confirm' ? null : decision.reason;
    const source: ChangeSource = 'verification';
    await withChange(this.db, this.change(ctx, source, reason), async (tx) => {
      if (decision.action === 'correct' && value !== row.value) {
        await writeValue(tx, row.person_id, element, value, chinaDate(this.clock()), this.clock());
      }
      const updated = await this.settle(tx, ctx, row, reach, next.status, value, reason);
      if (!updated) throw stale();
      await valueEvent(tx, `value.${eventNames[decision.action]}`, row.person_id, row.region_code, {
        [row.element_code]: { value, status: next.status, reason, verifier: row.verifier },
      });
      await this.audit.record(tx, ctx, {
        action: `verification.${decision.action}`,
        targetType: 'person',
        targetId: row.person_id,
        regionCode: row.region_code,
        detail: { elementCode: row.element_code, reason },
      });
    });
    return valueViewOf((await repo.findValue(this.db, id))!, element, this.clock());
  }

  async bulkConfirm(ctx: ActorContext, body: BulkConfirm): Promise<BulkConfirmResult> {
    requirePermission(ctx.actor, 'verification:work');
    const skipped: BulkConfirmResult['skipped'] = [];
    let confirmed = 0;
    for (const item of body.items) {
      try {
        await this.decide(ctx, item.id, { action: 'confirm', version: item.version });
        confirmed += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        skipped.push({ id: item.id, message: error.message });
      }
    }
    return { confirmed, skipped };
  }

  async discrepancies(ctx: ActorContext, query: DiscrepancyQuery) {
    const visible = await this.discrepancyReach(ctx);
    const { rows, total } = await repo.listDiscrepancies(
      this.db,
      visible,
      {
        status: query.status,
        ...(query.elementCode ? { elementCode: query.elementCode } : {}),
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(query.overdue ? { overdueAt: this.clock() } : {}),
        ...(query.comparisonJobId ? { comparisonJobId: query.comparisonJobId } : {}),
      },
      query.page,
      query.pageSize,
    );
    const items: DiscrepancyView[] = [];
    for (const r of rows) items.push(await this.discrepancyView(r, visible.reaches));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async discrepancy(ctx: ActorContext, id: string): Promise<DiscrepancyView> {
    const visible = await this.discrepancyReach(ctx);
    const row = await repo.findDiscrepancy(this.db, id);
    const sees =
      row &&
      (visible.raisedBy.includes(row.their_department_id) ||
        visible.reaches.some((r) => r.type === row.verifier && isWithin(row.region_code, r.scope)));
    if (!row || !sees) throw new DomainError('NOT_FOUND', '该比对异议不存在或不在您的范围内');
    return this.discrepancyView(row, visible.reaches);
  }

  /**
   * The verifier's ruling (核准) on a discrepancy: the authoritative value is written where it
   * lives, the value becomes “ruled”, and every open discrepancy of that value is closed with it.
   */
  async rule(ctx: ActorContext, id: string, ruling: DiscrepancyRuling): Promise<DiscrepancyView> {
    requirePermission(ctx.actor, 'verification:work');
    const row = await repo.findDiscrepancy(this.db, id);
    const reach = row ? await this.reachFor(ctx, row.verifier, row.region_code) : undefined;
    if (!row || !reach) throw new DomainError('NOT_FOUND', '该比对异议不存在或不归您核准');
    if (row.status !== 'open') throw new DomainError('CONFLICT', '该比对异议已核准');
    if (row.version !== ruling.version) throw stale();
    const element = (await this.catalog.element(row.region_code, row.element_code))!;
    const normalized = normalizeElementValue(element, ruling.value);
    if (!normalized.ok) {
      throw new DomainError('VALIDATION', normalized.message, [
        { path: 'value', message: normalized.message },
      ]);
    }
    const value = normalized.value;
    const now = this.clock();
    await withChange(this.db, this.change(ctx, 'ruling', ruling.reason), async (tx) => {
      const subject = (await loadSubject(tx, row.person_id))!;
      if (currentValue(element, subject) !== value) {
        await writeValue(tx, row.person_id, element, value, chinaDate(now), now);
      }
      const current = await repo.findValueOf(tx, row.person_id, row.element_code);
      const next = nextValueStatus(current?.status ?? null, 'rule');
      if (!next.ok) throw new DomainError('CONFLICT', next.message);
      await this.settle(tx, ctx, current!, reach, 'ruled', value, ruling.reason);
      await tx
        .updateTable('discrepancy')
        .set({
          status: 'ruled',
          ruling_value: value,
          ruling_reason: ruling.reason,
          ruled_by: ctx.actor.userId,
          ruled_by_name: ctx.actor.displayName,
          ruled_at: now,
          updated_at: now,
          version: sql`version + 1`,
        })
        .where('person_id', '=', row.person_id)
        .where('element_code', '=', row.element_code)
        .where('status', '=', 'open')
        .execute();
      await valueEvent(tx, 'value.ruled', row.person_id, row.region_code, {
        [row.element_code]: {
          value,
          status: 'ruled',
          reason: ruling.reason,
          verifier: row.verifier,
          discrepancyId: id,
        },
      });
      await this.audit.record(tx, ctx, {
        action: 'verification.rule',
        targetType: 'person',
        targetId: row.person_id,
        regionCode: row.region_code,
        detail: { elementCode: row.element_code, discrepancyId: id, reason: ruling.reason },
      });
    });
    return this.discrepancyView((await repo.findDiscrepancy(this.db, id))!, [reach]);
  }

  /**
   * One value a department holds, compared with ours: a match corroborates (and, from the
   * verifier itself, verifies); a mismatch opens — or updates — a discrepancy for the verifier.
   */
  async compare(ctx: ActorContext, record: ComparisonRecord): Promise<ComparisonResult> {
    requirePermission(ctx.actor, 'comparison:submit');
    const department = await this.actingDepartment(ctx);
    const base = findDataElement(record.elementCode);
    if (!base) {
      return {
        outcome: 'invalid',
        message: `数据元 ${record.elementCode} 不存在`,
        discrepancyId: null,
      };
    }
    const person = await this.db
      .selectFrom('person')
      .select(['id', 'region_code'])
      .where('document_bidx', '=', documentIndexOf(this.cipher, record.idNumber))
      .where('merged_into', 'is', null)
      .executeTakeFirst();
    if (!person || !isWithin(person.region_code, department.scope)) {
      return {
        outcome: 'unknown_subject',
        message: '本部门辖区内没有该证件号码的人员',
        discrepancyId: null,
      };
    }
    const element = (await this.catalog.element(person.region_code, record.elementCode))!;
    const refusal = comparisonRefusal(element, department.type);
    if (refusal) return { outcome: 'invalid', message: refusal, discrepancyId: null };
    const theirs = normalizeElementValue(element, record.value);
    if (!theirs.ok) return { outcome: 'invalid', message: theirs.message, discrepancyId: null };
    const result = await withChange(this.db, this.change(ctx, 'comparison', null), (tx) =>
      this.applyComparison(tx, ctx, department, person, element, theirs.value, null),
    );
    await this.audit.record(null, ctx, {
      action: 'comparison.submit',
      targetType: 'person',
      targetId: person.id,
      regionCode: person.region_code,
      detail: { elementCode: element.code, outcome: result.outcome },
    });
    return result;
  }

  /** Applies one compared value in the caller's transaction (single and bulk paths). */
  async applyComparison(
    tx: Transaction<Database>,
    ctx: ActorContext,
    department: ActingDepartment,
    person: { id: string; region_code: string },
    element: DataElement,
    theirs: string | null,
    jobId: string | null,
  ): Promise<ComparisonResult> {
    const now = this.clock();
    const ours = currentValue(element, (await loadSubject(tx, person.id))!);
    const existing = await repo.findValueOf(tx, person.id, element.code);
    if (ours === theirs) {
      const verifies = department.type === element.verifier && !isAuthoritativeRow(existing);
      await corroborate(tx, {
        person,
        element,
        value: ours,
        department,
        existing,
        verifies,
        ctx,
        at: now,
      });
      return { outcome: 'match', message: null, discrepancyId: null };
    }
    const row =
      existing ??
      (await upsertCollected(tx, {
        personId: person.id,
        element,
        regionCode: person.region_code,
        value: ours,
        source: 'comparison',
        actorId: null,
        actorName: '存量数据',
        at: now,
        verifiedBy: null,
        queued: false,
      }));
    const next = nextValueStatus(row.status, 'dispute');
    if (next.ok && row.status !== 'disputed') {
      await tx
        .updateTable('element_value')
        .set({ status: 'disputed', updated_at: now, version: sql`version + 1` })
        .where('id', '=', row.id)
        .execute();
    }
    const source = jobId ? `批量比对 ${jobId.slice(0, 8)}` : `单条比对（${ctx.actor.displayName}）`;
    const opened = await tx
      .insertInto('discrepancy')
      .values({
        person_id: person.id,
        element_code: element.code,
        region_code: person.region_code,
        verifier: element.verifier!,
        our_value: ours,
        their_value: theirs,
        their_department_id: department.id,
        their_source: source,
        comparison_job_id: jobId,
        due_at: new Date(now.getTime() + element.timeLimitDays * DAY),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['person_id', 'element_code', 'their_department_id'])
          .where('status', '=', 'open')
          .doUpdateSet({
            our_value: ours,
            their_value: theirs,
            their_source: source,
            comparison_job_id: jobId,
            updated_at: now,
            version: sql`discrepancy.version + 1`,
          }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return { outcome: 'mismatch', message: null, discrepancyId: opened.id };
  }

  /** The department a comparing user acts for: their active grant's, else their only one. */
  async actingDepartment(ctx: ActorContext): Promise<ActingDepartment> {
    const grants = grantsWith(ctx.actor, 'comparison:submit').filter((g) => g.departmentId);
    const grant = grants.find((g) => g.id === ctx.actor.activeGrantId) ?? grants[0];
    const [department] = grant
      ? await repo.findDepartmentsByIds(this.db, [grant.departmentId!])
      : [];
    if (!grant || !department) {
      throw new DomainError('FORBIDDEN', '比对须以部门审核员身份提交');
    }
    return { id: department.id, type: department.type_code, scope: grant.regionCode };
  }

  /** Where the caller verifies: each department-reviewer grant's department type and subtree. */
  async reachesOf(ctx: ActorContext, db: Executor = this.db): Promise<Reach[]> {
    const grants = grantsWith(ctx.actor, 'verification:work').filter((g) => g.departmentId);
    const departments = await repo.findDepartmentsByIds(
      db,
      grants.map((g) => g.departmentId!),
    );
    return grants.flatMap((g) => {
      const d = departments.find((x) => x.id === g.departmentId);
      return d ? [{ type: d.type_code, scope: g.regionCode, departmentId: d.id }] : [];
    });
  }

  private async reachFor(ctx: ActorContext, verifier: string, regionCode: string) {
    return (await this.reachesOf(ctx)).find(
      (r) => r.type === verifier && isWithin(regionCode, r.scope),
    );
  }

  private async discrepancyReach(ctx: ActorContext) {
    const reaches = await this.reachesOf(ctx);
    const raising = grantsWith(ctx.actor, 'comparison:submit').flatMap((g) =>
      g.departmentId ? [g.departmentId] : [],
    );
    if (reaches.length === 0 && raising.length === 0) {
      throw new DomainError('FORBIDDEN', '您的角色无权执行此操作');
    }
    return { reaches, raisedBy: raising };
  }

  /** Moves a value to a verifier's decision; false when someone changed it meanwhile. */
  private async settle(
    tx: Executor,
    ctx: ActorContext,
    row: Pick<ValueRow, 'id' | 'version'>,
    reach: Reach,
    status: ElementValueTable['status'],
    value: string | null,
    reason: string | null,
  ): Promise<boolean> {
    const now = this.clock();
    const authoritative = status === 'verified' || status === 'ruled';
    const updated = await tx
      .updateTable('element_value')
      .set({
        status,
        value,
        reason,
        due_at: null,
        ...(authoritative
          ? {
              verified_value: value,
              verified_at: now,
              verified_by: ctx.actor.userId,
              verified_by_name: ctx.actor.displayName,
              verifying_department_id: reach.departmentId,
            }
          : {}),
        updated_at: now,
        version: sql`version + 1`,
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .returning('id')
      .executeTakeFirst();
    return updated !== undefined;
  }

  private change(ctx: ActorContext, source: ChangeSource, reason: string | null) {
    return {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source,
      reason,
      at: this.clock(),
    };
  }

  /** `reaches`: where the caller verifies, which decides whether they may rule on the case. */
  private async discrepancyView(
    r: repo.DiscrepancyRow,
    reaches: readonly Reach[],
  ): Promise<DiscrepancyView> {
    const element =
      (await this.catalog.element(r.region_code, r.element_code)) ??
      findDataElement(r.element_code)!;
    const current = await repo.valuesOfPerson(this.db, r.person_id);
    const value = current.find((v) => v.element_code === r.element_code);
    return {
      id: r.id,
      person: subjectOf(r),
      elementCode: r.element_code,
      elementName: element.name,
      ourValue: r.our_value,
      ourValueLabel: valueLabel(element, r.our_value),
      theirValue: r.their_value,
      theirValueLabel: valueLabel(element, r.their_value),
      theirDepartmentName: r.their_department_name,
      theirSource: r.their_source,
      comparisonJobId: r.comparison_job_id,
      status: r.status,
      dueAt: r.due_at.toISOString(),
      overdue: r.status === 'open' && r.due_at < this.clock(),
      rulingValue: r.ruling_value,
      rulingValueLabel: valueLabel(element, r.ruling_value),
      rulingReason: r.ruling_reason,
      ruledByName: r.ruled_by_name,
      ruledAt: r.ruled_at ? r.ruled_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
      version: r.version,
      current: value ? valueViewOf(value, element, this.clock()) : null,
      canRule:
        r.status === 'open' &&
        reaches.some((x) => x.type === r.verifier && isWithin(r.region_code, x.scope)),
    };
  }
}

function stale() {
  return new DomainError('CONFLICT', '该条目已被他人处理或修改，请刷新后重试', [
    { path: 'version', message: '版本已变化' },
  ]);
}
