import { randomBytes } from 'node:crypto';
import {
  applicationActionLabels,
  applyApplicationAction,
  chinaDate,
  DomainError,
  findDataElement,
  findSpecialGroup,
  grantsWith,
  isWithin,
  limitDaysOf,
  maskIdNumber,
  maskPhone,
  requirePermission,
  timeLimitState,
  workingDaysLeft,
  verificationCodeFrom,
  type ApplicationAction,
  type ApplicationActionBody,
  type ApplicationActionInput,
  type ApplicationDetail,
  type ApplicationEffect,
  type ApplicationState,
  type ApplicationSummary,
  type DataElement,
  type QueueQuery,
  type ResultDocumentView,
  type ServiceMatter,
  type WorkCalendar,
} from '@shequ/core';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { withChange } from '../../db/change-context';
import type { Database, ResultDocumentTable } from '../../db/schema';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { cityOf } from '../governance/catalog.service';
import { findDepartmentsByIds } from '../governance/governance.repository';
import { loadSubject, valueLabel } from '../governance/governed-values';
import type { VerificationService } from '../governance/verification.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { insertMembership } from '../people/people.repository';
import {
  applicationsWithNames,
  assignedTo,
  documentOf,
  findApplication,
  lockApplication,
  stateOf,
  timelineOf,
  type ApplicationListRow,
  type ApplicationRow,
  type WorkReach,
} from './applications.repository';
import type { MattersService } from './matters.service';
import { filesOf } from './application-files';
import { actingAs, changeBy, type ApplicationWriter } from './application-writer';
import type { ApplicantPii } from './intake.service';

/**
 * Applications (办件) once taken in (see IntakeService): the collaboration over the matter's steps,
 * time limits in working days, notifications, result documents, the work queue and the resident's
 * tracking.
 */
export class ApplicationsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly calendar: WorkCalendar,
    private readonly matters: MattersService,
    private readonly verification: VerificationService,
    private readonly notifications: NotificationsService,
    private readonly writer: ApplicationWriter,
  ) {}

  private today() {
    return chinaDate(this.clock());
  }

  // ---------------------------------------------------------------- collaboration

  /** Applies an action as the caller; refused, changing nothing, unless the caller may take it now. */
  async act(
    ctx: ActorContext,
    id: string,
    body: ApplicationActionBody,
  ): Promise<ApplicationDetail> {
    const today = this.today();
    // who may act is read before the transaction; the version check inside it makes sure the
    // application has not moved since
    const seen = await findApplication(this.db, id);
    if (!seen || !(await this.canSee(ctx, seen))) {
      throw new DomainError('NOT_FOUND', '办件不存在或不在您的办理范围内');
    }
    const stale = () => new DomainError('CONFLICT', '该办件已被他人处理，请刷新后再办理');
    if (seen.version !== body.version) throw stale();
    const matter = await this.matters.definitionAt(seen.matter_id, seen.matter_version);
    const allowed = await this.allowedActions(ctx, seen, matter, stateOf(seen));
    if (!allowed.includes(body.action)) {
      throw new DomainError(
        'FORBIDDEN',
        `您不能对该办件执行“${applicationActionLabels[body.action]}”（当前：${matter.steps[seen.step_index]!.name}）`,
      );
    }
    const reach = (await this.workReaches(ctx)).find((r) => this.reachWorks(r, seen));
    const unit = reach?.departmentName ?? (await this.writer.unitOf(ctx, seen.region_code, null));
    await withChange(this.db, changeBy(ctx, this.clock()), async (tx) => {
      const row = await lockApplication(tx, id);
      if (!row || row.version !== body.version) throw stale();
      const state = stateOf(row);
      const input = actionInput(body);
      const { state: next, effect } = applyApplicationAction(
        matter,
        state,
        input,
        { userId: ctx.actor.userId, departmentType: reach?.departmentType ?? null },
        today,
      );
      let community = row.region_code;
      if (body.action === 'transfer')
        community = await this.transferTarget(tx, row, body.regionCode);
      const decided = next.status === 'approved' || next.status === 'rejected';
      await tx
        .updateTable('application')
        .set({
          ...this.writer.columnsOf(matter, next, community),
          region_code: community,
          decided_at: decided ? this.clock() : null,
          returned_count: row.returned_count + (effect === 'returned' ? 1 : 0),
          updated_at: this.clock(),
          version: row.version + 1,
        })
        .where('id', '=', row.id)
        .execute();
      await this.writer.record(
        tx,
        row.id,
        body.action,
        effect,
        state,
        matter,
        actingAs(ctx),
        unit,
        input.opinion,
      );
      await this.audit.record(tx, ctx, {
        action: `application.${body.action}`,
        targetType: 'application',
        targetId: row.id,
        regionCode: row.region_code,
        detail: {
          number: row.number,
          effect,
          ...(body.action === 'transfer' ? { to: community } : {}),
        },
      });
      if (decided) await this.decide(tx, ctx, row, matter, next, unit ?? '', input.opinion);
      await this.tell(tx, row, matter, next, effect, input.opinion, community);
    });
    return this.get(ctx, id);
  }

  /** The final decision: its document and, for an approved benefit, the register entry. */
  private async decide(
    tx: Transaction<Database>,
    ctx: ActorContext,
    row: ApplicationRow,
    matter: ServiceMatter,
    state: ApplicationState,
    unit: string,
    opinion: string,
  ) {
    const approved = state.status === 'approved';
    const pii = JSON.parse(this.cipher.decrypt(row.applicant_pii)) as ApplicantPii;
    const year = this.today().slice(0, 4);
    const body = [
      `申请人：${row.applicant_name}（公民身份号码 ${maskIdNumber(pii.idNumber)}）`,
      `申请事项：${matter.name}`,
      `申请编号：${row.number}`,
      approved
        ? `经审核，申请人符合${matter.name}的条件，决定：准予。`
        : `经审核，申请人不符合${matter.name}的条件，决定：不予准予。`,
      ...(opinion ? [`意见：${opinion}`] : []),
      ...(approved && matter.result.register?.attributes?.monthlyAmount
        ? [`自次月起按月发放，标准为每月 ${matter.result.register.attributes.monthlyAmount} 元。`]
        : []),
      ...(approved
        ? []
        : [
            '如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。',
          ]),
    ];
    await tx
      .insertInto('result_document')
      .values({
        application_id: row.id,
        kind: matter.result.kind,
        title: approved ? matter.result.title : `${matter.name}不予准予决定书`,
        document_number: `${unit}〔${year}〕${row.number.slice(-6)}号`,
        issuer_name: unit,
        issued_on: this.today(),
        decision: approved ? 'approved' : 'rejected',
        body: JSON.stringify(body),
        verification_code: verificationCodeFrom(randomBytes(12)),
      })
      .execute();
    const register = matter.result.register;
    if (approved && register && row.person_id) {
      await this.enrol(tx, ctx, row.person_id, register.group, register.attributes ?? {});
    }
  }

  /**
   * Enrols the applicant in the register the approval feeds, through the verification pipeline
   * with the deciding reviewer as the actor: the value is recorded as verified by the deciding
   * department (its own finding), with the application as its source.
   */
  private async enrol(
    tx: Transaction<Database>,
    ctx: ActorContext,
    personId: string,
    groupCode: string,
    attributes: Record<string, string | number>,
  ) {
    const group = findSpecialGroup(groupCode);
    if (!group) return;
    const active = await tx
      .selectFrom('group_membership')
      .select('id')
      .where('person_id', '=', personId)
      .where('group_code', '=', groupCode)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (active) return;
    const before = (await loadSubject(tx, personId))!;
    await insertMembership(tx, {
      person_id: personId,
      group_code: groupCode,
      start_date: this.today(),
      attention_level: null,
      verifying_department_type: group.verifyingDepartmentType,
      attributes: JSON.stringify(attributes),
    });
    await this.verification.track(tx, ctx, personId, before, 'application');
  }

  /** Messages: the resident by text on each change they care about; staff of the next step in the platform. */
  private async tell(
    tx: Transaction<Database>,
    row: ApplicationRow,
    matter: ServiceMatter,
    state: ApplicationState,
    effect: ApplicationEffect,
    opinion: string,
    community: string,
  ) {
    const phone = (JSON.parse(this.cipher.decrypt(row.applicant_pii)) as ApplicantPii).phone;
    const texts: Partial<Record<ApplicationEffect, string>> = {
      accepted: `您的“${matter.name}”申请（${row.number}）已受理。`,
      returned: `您的“${matter.name}”申请（${row.number}）需要补正：${opinion}。请到社区窗口补正。`,
      approved: `您的“${matter.name}”申请（${row.number}）已办结：准予。`,
      rejected: `您的“${matter.name}”申请（${row.number}）已办结：不予准予。理由：${opinion}`,
      transferred: `您的“${matter.name}”申请（${row.number}）已转至新的受理社区办理。`,
    };
    const text = texts[effect];
    if (text) await this.notifications.queueSms(tx, phone, `【网上社区】${text}`, row.id);
    if (['accepted', 'step_passed', 'resubmitted', 'transferred'].includes(effect)) {
      await this.writer.notifyNextStep(tx, matter, state, community, row.id, row.number);
    }
  }

  private async transferTarget(tx: Transaction<Database>, row: ApplicationRow, target: string) {
    const region = await tx
      .selectFrom('region')
      .select(['code', 'level'])
      .where('code', '=', target)
      .executeTakeFirst();
    if (!region || region.level !== 'community' || cityOf(target) !== row.city_code) {
      throw new DomainError('VALIDATION', '转办目标应为本市的社区（村）', [
        { path: 'regionCode', message: '请选择本市的社区（村）' },
      ]);
    }
    if (target === row.region_code) {
      throw new DomainError('VALIDATION', '转办目标与当前受理社区相同', [
        { path: 'regionCode', message: '与当前受理社区相同' },
      ]);
    }
    return target;
  }

  // ---------------------------------------------------------------- who may see and do what

  /** Where the caller works applications: each grant with its department. */
  async workReaches(ctx: ActorContext): Promise<WorkReach[]> {
    // asked several times while one request is served (visibility, allowed actions, the unit)
    let reaches = this.reaches.get(ctx);
    if (!reaches) {
      reaches = this.loadReaches(ctx);
      this.reaches.set(ctx, reaches);
    }
    return reaches;
  }

  private readonly reaches = new WeakMap<ActorContext, Promise<WorkReach[]>>();

  private async loadReaches(ctx: ActorContext): Promise<WorkReach[]> {
    const grants = grantsWith(ctx.actor, 'application:work');
    const departments = await findDepartmentsByIds(
      this.db,
      grants.flatMap((g) => (g.departmentId ? [g.departmentId] : [])),
    );
    return grants.map((g) => {
      const d = departments.find((x) => x.id === g.departmentId);
      return {
        role: g.role,
        scope: g.regionCode,
        departmentType: d?.type_code ?? null,
        departmentId: d?.id ?? null,
        departmentName: d?.name ?? null,
      };
    });
  }

  private reachWorks(r: WorkReach, row: ApplicationRow) {
    return (
      r.role === row.step_role &&
      isWithin(row.step_region_code, r.scope) &&
      (r.departmentType ? row.waiting_on.includes(r.departmentType) : row.waiting_on.length === 0)
    );
  }

  /**
   * Who sees an application: intake and community/street staff over its community; a department
   * reviewer only when one of the matter's steps is its department's, and in its region; a
   * supervisor over its region.
   */
  private async canSee(ctx: ActorContext, row: ApplicationRow): Promise<boolean> {
    const within = (permission: 'application:intake' | 'application:supervise') =>
      grantsWith(ctx.actor, permission).some(
        (g) => !g.departmentId && isWithin(row.region_code, g.regionCode),
      );
    if (within('application:intake') || within('application:supervise')) return true;
    const reaches = await this.workReaches(ctx);
    if (reaches.some((r) => this.reachWorks(r, row))) return true;
    const matter = await this.matters.definitionAt(row.matter_id, row.matter_version);
    const types = new Set<string>(
      matter.steps.flatMap((s) => [
        ...(s.departmentType ? [s.departmentType] : []),
        ...(s.countersign ?? []),
      ]),
    );
    return reaches.some(
      (r) =>
        r.departmentType !== null &&
        types.has(r.departmentType) &&
        isWithin(row.region_code, r.scope),
    );
  }

  private async allowedActions(
    ctx: ActorContext,
    row: ApplicationRow,
    matter: ServiceMatter,
    state: ApplicationState,
  ): Promise<ApplicationAction[]> {
    if (!['submitted', 'processing', 'supplement'].includes(state.status)) return [];
    const out: ApplicationAction[] = [];
    const assigned = (await this.workReaches(ctx)).some((r) => this.reachWorks(r, row));
    const step = matter.steps[state.stepIndex]!;
    if (assigned && state.status === 'submitted') out.push('accept', 'return', 'reject');
    if (assigned && state.status === 'processing') {
      out.push('approve', 'reject', 'return');
      if (step.level === 'community') out.push('transfer');
      if (!state.pendingExtension) out.push('request_extension');
    }
    const intake = grantsWith(ctx.actor, 'application:intake').some((g) =>
      isWithin(row.region_code, g.regionCode),
    );
    if (state.status === 'supplement' && (intake || assigned)) out.push('resubmit');
    if (intake) out.push('withdraw');
    const supervises = grantsWith(ctx.actor, 'application:supervise').some(
      (g) => isWithin(row.region_code, g.regionCode) && !assigned,
    );
    if (supervises) {
      out.push('supervise');
      if (state.pendingExtension && state.pendingExtension.requestedBy !== ctx.actor.userId) {
        out.push('decide_extension');
      }
    }
    return [...new Set(out)];
  }

  // ---------------------------------------------------------------- reading

  /** The caller's work queue: applications at the caller's steps, in deadline order. */
  async queue(ctx: ActorContext, query: QueueQuery) {
    requirePermission(ctx.actor, 'application:work');
    const reaches = await this.workReaches(ctx);
    const statuses =
      query.status === 'open'
        ? (['submitted', 'processing', 'supplement'] as const)
        : [query.status];
    const today = this.today();
    // the page's ids and the count from `application_queue_idx` alone; then the 20 rows
    let q = this.db
      .selectFrom('application as a')
      .where('a.status', 'in', statuses)
      .where((eb) => assignedTo(eb, reaches));
    if (query.matterCode) q = q.where('a.matter_code', '=', query.matterCode);
    if (query.regionCode) q = q.where('a.region_code', 'like', `${query.regionCode}%`);
    if (query.timeLimit === 'overdue') q = q.where('a.deadline', '<', today);
    if (query.timeLimit === 'warning') {
      q = q.where('a.warn_on', '<=', today).where('a.deadline', '>=', today);
    }
    const [page, total] = await Promise.all([
      q
        .select('a.id')
        .orderBy(sql`a.deadline NULLS LAST`)
        .orderBy('a.id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const found =
      page.length === 0
        ? []
        : await applicationsWithNames(this.db)
            .where(
              'a.id',
              'in',
              page.map((r) => r.id),
            )
            .execute();
    const byId = new Map(found.map((r) => [r.id, r]));
    const rows = page.flatMap((r) => byId.get(r.id) ?? []);
    const items = await Promise.all(rows.map((r) => this.summaryOf(r)));
    return { items, total: Number(total.n), page: query.page, pageSize: query.pageSize };
  }

  /** The application when the caller may see it; NOT_FOUND alike when it is missing or not theirs. */
  async visible(ctx: ActorContext, id: string): Promise<ApplicationListRow> {
    const row = await findApplication(this.db, id);
    if (!row || !(await this.canSee(ctx, row))) {
      throw new DomainError('NOT_FOUND', '办件不存在或不在您的办理范围内');
    }
    return row;
  }

  /**
   * Whether the caller may add scans of materials now: the application is still open, and the
   * caller takes applications in over its community or works its current step.
   */
  async mayAttach(ctx: ActorContext, row: ApplicationRow): Promise<boolean> {
    if (!['submitted', 'processing', 'supplement'].includes(row.status)) return false;
    const intake = grantsWith(ctx.actor, 'application:intake').some(
      (g) => !g.departmentId && isWithin(row.region_code, g.regionCode),
    );
    return intake || (await this.workReaches(ctx)).some((r) => this.reachWorks(r, row));
  }

  async get(ctx: ActorContext, id: string): Promise<ApplicationDetail> {
    const row = await this.visible(ctx, id);
    const matter = await this.matters.definitionAt(row.matter_id, row.matter_version);
    const state = stateOf(row);
    const pii = JSON.parse(this.cipher.decrypt(row.applicant_pii)) as ApplicantPii;
    const [timeline, document, allowed, files, mayAttach] = await Promise.all([
      timelineOf(this.db, row.id),
      documentOf(this.db, row.id),
      this.allowedActions(ctx, row, matter, state),
      filesOf(this.db, row.id),
      this.mayAttach(ctx, row),
    ]);
    await this.audit.record(null, ctx, {
      action: 'application.read',
      targetType: 'application',
      targetId: row.id,
      regionCode: row.region_code,
    });
    const form = row.form as Record<string, string | number | boolean | null>;
    return {
      ...(await this.summaryOf(row)),
      maskedIdNumber: maskIdNumber(pii.idNumber),
      maskedPhone: maskPhone(pii.phone) ?? '',
      personId: row.person_id,
      form: matter.form.map((f) => {
        const value = form[f.key] ?? null;
        const element = f.element ? findDataElement(f.element) : undefined;
        return {
          key: f.key,
          label: f.label,
          value,
          display: displayOf(element, value),
        };
      }),
      materials: row.materials as ApplicationDetail['materials'],
      timeline: timeline.map((t) => ({
        id: String(t.id),
        action: t.action as ApplicationAction,
        effect: t.effect as ApplicationDetail['timeline'][number]['effect'],
        stepName: t.step_name,
        actorName: t.actor_name,
        actorUnit: t.actor_unit,
        opinion: t.opinion,
        at: t.at.toISOString(),
      })),
      acceptedOn: row.accepted_on,
      limitDays: limitDaysOf(matter, state),
      workingDaysLeft:
        row.deadline && ['submitted', 'processing'].includes(row.status)
          ? workingDaysLeft(this.calendar, this.today(), row.deadline)
          : null,
      allowedActions: allowed,
      document: document ? documentView(document) : null,
      files,
      mayAttach,
    };
  }

  private async summaryOf(row: ApplicationListRow): Promise<ApplicationSummary> {
    const matter = await this.matters.definitionAt(row.matter_id, row.matter_version);
    const state = stateOf(row);
    const step = matter.steps[row.step_index]!;
    const open = ['submitted', 'processing', 'supplement'].includes(row.status);
    return {
      id: row.id,
      number: row.number,
      matterCode: row.matter_code,
      matterName: row.matter_name,
      applicantName: row.applicant_name,
      regionCode: row.region_code,
      regionName: row.region_name,
      channel: row.channel,
      status: row.status,
      stepName: step.name,
      stepKind: step.kind,
      submittedAt: row.submitted_at.toISOString(),
      deadline: row.deadline,
      timeLimitState:
        open && row.deadline
          ? timeLimitState(this.calendar, this.today(), row.deadline, limitDaysOf(matter, state))
          : null,
      paused: state.pauses.some((p) => p.to === null),
      duplicate: row.duplicate_of !== null,
      pendingExtension: state.pendingExtension
        ? { days: state.pendingExtension.days, reason: state.pendingExtension.reason }
        : null,
      version: row.version,
    };
  }

  // ---------------------------------------------------------------- public

  // ---------------------------------------------------------------- helpers
}

function actionInput(body: ApplicationActionBody): ApplicationActionInput {
  switch (body.action) {
    case 'request_extension':
      return { action: body.action, opinion: body.opinion, days: body.days };
    case 'decide_extension':
      return { action: body.action, opinion: body.opinion, approve: body.approve };
    default:
      return { action: body.action, opinion: body.opinion };
  }
}

function displayOf(element: DataElement | undefined, value: string | number | boolean | null) {
  if (value === null) return null;
  if (element) return valueLabel(element, String(value));
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

export function documentView(d: Selectable<ResultDocumentTable>): ResultDocumentView {
  return {
    kind: d.kind,
    title: d.title,
    documentNumber: d.document_number,
    issuerName: d.issuer_name,
    issuedOn: d.issued_on,
    decision: d.decision,
    body: d.body as string[],
    verificationCode: d.verification_code,
  };
}
