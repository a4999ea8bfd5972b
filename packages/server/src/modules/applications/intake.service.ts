import { createHash, randomInt } from 'node:crypto';
import {
  applicationFormProblems,
  applicationNumber,
  applicationTimeLimit,
  applyApplicationAction,
  chinaDate,
  DomainError,
  grantsWith,
  initialApplicationState,
  isWithin,
  materialSatisfier,
  maskIdNumber,
  maskPhone,
  missingMaterials,
  parseIdNumber,
  requirePermission,
  type OnlineApplicationInput,
  type PrefillView,
  type ServiceMatter,
  type WindowApplicationInput,
  type WorkCalendar,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import { withChange } from '../../db/change-context';
import { isUniqueViolation } from '../../db/pg-errors';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Database } from '../../db/schema';
import type { ActorContext, RequestContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { cityOf, type CatalogService } from '../governance/catalog.service';
import { valuesOfPerson } from '../governance/governance.repository';
import {
  currentValue,
  isAuthoritativeRow,
  loadSubject,
  valueLabel,
} from '../governance/governed-values';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import { documentIndexOf, openPii, phoneIndexOf, type PiiValues } from '../people/pii';
import { actingAs, changeBy, type ApplicationWriter } from './application-writer';
import { nextApplicationSequence, openApplicationsOf } from './applications.repository';
import { viewOf, type MattersService } from './matters.service';

/** The applicant's sensitive data, kept encrypted together on the application. */
export interface ApplicantPii {
  idNumber: string;
  phone: string;
}

/** Minutes an SMS code stays valid, and how many wrong tries it takes. */
const CODE_MINUTES = 10;
const CODE_TRIES = 5;

/**
 * Taking applications in (受理): at the community window or on a home visit by a worker, with
 * the form prefilled from what the platform holds and materials waived; and online by the
 * resident, who proves the phone number with a text-message code.
 */
export class IntakeService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly calendar: WorkCalendar,
    private readonly matters: MattersService,
    private readonly catalog: CatalogService,
    private readonly people: PeopleService,
    private readonly notifications: NotificationsService,
    private readonly writer: ApplicationWriter,
  ) {}

  private today() {
    return chinaDate(this.clock());
  }

  /** What the window shows for a person and a matter: prefilled fields, waived materials. */
  async prefill(ctx: ActorContext, matterCode: string, personId: string): Promise<PrefillView> {
    requirePermission(ctx.actor, 'application:intake');
    const person = await this.people.visible(ctx, personId);
    const row = await this.matters.current(cityOf(person.region_code), matterCode);
    const matter = row.definition as ServiceMatter;
    const pii = openPii(this.cipher, person.pii);
    const held = await this.heldData(person.id, person.region_code, pii);
    const region = await this.db
      .selectFrom('region')
      .select('name')
      .where('code', '=', person.region_code)
      .executeTakeFirst();
    const open = await openApplicationsOf(
      this.db,
      documentIndexOf(this.cipher, pii.idNumber),
      matter.code,
    );
    await this.audit.record(null, ctx, {
      action: 'application.prefill',
      targetType: 'person',
      targetId: person.id,
      regionCode: person.region_code,
      detail: { matterCode },
    });
    return {
      matter: viewOf(row),
      person: {
        id: person.id,
        name: person.name,
        maskedIdNumber: maskIdNumber(pii.idNumber),
        maskedPhone: maskPhone(pii.phone),
        regionCode: person.region_code,
        regionName: region?.name ?? person.region_code,
      },
      fields: matter.form.map((field) => {
        const value = field.element ? held.values.get(field.element) : undefined;
        if (!value || value.value === null) {
          return { key: field.key, value: null, display: null, source: null };
        }
        return {
          key: field.key,
          value: typedValue(field.type, value.value),
          display: value.display,
          source: value.source,
        };
      }),
      materials: matter.materials.map((m) => {
        const reason = held.waivers.get(materialSatisfier(m) ?? '') ?? null;
        return {
          code: m.code,
          name: m.name,
          required: m.required,
          form: m.form ?? null,
          exempt: reason !== null,
          reason,
        };
      }),
      openApplications: open.map((a) => ({
        id: a.id,
        number: a.number,
        status: a.status,
        submittedAt: a.submitted_at.toISOString(),
      })),
    };
  }

  /**
   * What the platform holds about a person that an application may use: the values of the
   * elements (with where they come from) and the materials they stand in for (key → reason).
   */
  private async heldData(personId: string, regionCode: string, pii: PiiValues) {
    const elements = await this.catalog.elementsOf(cityOf(regionCode));
    // personal data kept encrypted: collected by the community, never verified by a department
    const piiValues = new Map<string, string | null>([
      ['person.phone', pii.phone],
      ['person.currentAddress', pii.currentAddress],
      ['person.registeredAddress', pii.registeredAddress],
    ]);
    const subject = (await loadSubject(this.db, personId))!;
    const rows = await valuesOfPerson(this.db, personId);
    const values = new Map<
      string,
      {
        value: string | null;
        display: string | null;
        source: PrefillView['fields'][number]['source'];
      }
    >();
    const waivers = new Map<string, string>([['identity', '身份信息已在人口库登记，免提交']]);
    for (const element of elements) {
      const value = piiValues.has(element.code)
        ? (piiValues.get(element.code) ?? null)
        : currentValue(element, subject);
      const row = rows.find((r) => r.element_code === element.code);
      const verified = isAuthoritativeRow(row);
      const unit = row?.department_name ?? null;
      const at = row?.verified_at ? chinaDate(row.verified_at) : null;
      values.set(element.code, {
        value,
        display: valueLabel(element, value),
        source:
          value === null
            ? null
            : verified
              ? {
                  kind: 'verified',
                  label: `${unit ?? '核验部门'}核验${at ? ` ${at}` : ''}`,
                  departmentName: unit,
                  at,
                }
              : { kind: 'recorded', label: '社区登记（未核验）', departmentName: null, at: null },
      });
      if (verified && value !== null && value !== 'false') {
        waivers.set(element.code, `${element.name}已由${unit ?? '核验部门'}核验，免提交`);
      }
    }
    const certificates = await this.db
      .selectFrom('application as a')
      .innerJoin('result_document as d', 'd.application_id', 'a.id')
      .select(['a.matter_code', 'd.title', 'd.document_number'])
      .where('a.person_id', '=', personId)
      .where('d.decision', '=', 'approved')
      .execute();
    for (const c of certificates) {
      waivers.set(
        `certificate:${c.matter_code}`,
        `已开具${c.title}（${c.document_number}），免提交`,
      );
    }
    return { values, waivers };
  }

  /**
   * A window (or home-visit) application: checked, stored and accepted on the spot by the worker
   * who takes it. Refused, changing nothing, when the form or materials are wrong, when the same
   * submission arrives twice, or when an open application of the same matter exists and the
   * worker has not confirmed it.
   */
  async submitAtWindow(ctx: ActorContext, input: WindowApplicationInput): Promise<string> {
    requirePermission(ctx.actor, 'application:intake');
    const person = await this.people.visible(ctx, input.personId);
    const community = person.region_code.slice(0, 12);
    if (
      !grantsWith(ctx.actor, 'application:intake').some((g) => isWithin(community, g.regionCode))
    ) {
      throw new DomainError('OUT_OF_SCOPE', '申请人不在您受理的区域内');
    }
    await this.refuseRepeat(input.submissionKey);
    const row = await this.matters.current(cityOf(community), input.matterCode);
    if (!row.enabled) throw new DomainError('CONFLICT', `事项“${row.name}”已停用`);
    const matter = row.definition as ServiceMatter;
    const { values: form, problems } = applicationFormProblems(matter, input.form);
    const known = new Set(matter.materials.map((m) => m.code));
    for (const code of input.providedMaterials) {
      if (!known.has(code))
        problems.push({ path: `materials.${code}`, message: `本事项没有材料 ${code}` });
    }
    const pii = openPii(this.cipher, person.pii);
    const held = await this.heldData(person.id, person.region_code, pii);
    problems.push(...missingMaterials(matter, input.providedMaterials, [...held.waivers.keys()]));
    if (problems.length > 0) throw new DomainError('VALIDATION', problems[0]!.message, problems);

    const documentBidx = documentIndexOf(this.cipher, pii.idNumber);
    const open = await openApplicationsOf(this.db, documentBidx, matter.code);
    if (open.length > 0 && !input.confirmDuplicate) {
      // the open one may be this very form, sent twice at once: then it is the repeat
      await this.refuseRepeat(input.submissionKey);
      throw new DomainError(
        'CONFLICT',
        `该居民已有在办的“${matter.name}”申请（编号 ${open[0]!.number}），确认仍要重复申请请勾选确认`,
        [{ path: 'confirmDuplicate', message: `已有在办申请 ${open[0]!.number}` }],
      );
    }
    const materials = matter.materials.map((m) => {
      const waiver = held.waivers.get(materialSatisfier(m) ?? '');
      const provided = input.providedMaterials.includes(m.code);
      return {
        code: m.code,
        name: m.name,
        state: provided ? 'provided' : waiver ? 'exempt' : 'missing',
        reason: provided ? null : (waiver ?? null),
      };
    });
    const now = this.clock();
    const today = this.today();
    const unit = await this.writer.unitOf(ctx, community, null);
    const id = await this.once(input.submissionKey, () =>
      withChange(this.db, changeBy(ctx, this.clock()), async (tx) => {
        const sequence = await nextApplicationSequence(tx);
        const initial = initialApplicationState(matter);
        const accepted = applyApplicationAction(
          matter,
          initial,
          { action: 'accept', opinion: '窗口受理' },
          { userId: ctx.actor.userId },
          today,
        ).state;
        const inserted = await tx
          .insertInto('application')
          .values({
            number: applicationNumber(today, sequence),
            city_code: cityOf(community),
            matter_id: row.id,
            matter_code: matter.code,
            matter_version: row.version,
            department_type: matter.departmentType,
            person_id: person.id,
            applicant_name: person.name,
            applicant_pii: this.cipher.encrypt(
              JSON.stringify({ idNumber: pii.idNumber, phone: input.phone } satisfies ApplicantPii),
            ),
            applicant_document_bidx: documentBidx,
            applicant_phone_bidx: phoneIndexOf(this.cipher, input.phone)!,
            region_code: community,
            channel: input.channel,
            ...this.writer.columnsOf(matter, accepted, community),
            form: JSON.stringify(form),
            materials: JSON.stringify(materials),
            duplicate_of: open[0]?.id ?? null,
            submission_key: input.submissionKey,
            submitted_by: ctx.actor.userId,
            submitted_by_name: ctx.actor.displayName,
            submitted_at: now,
          })
          .returning(['id', 'number'])
          .executeTakeFirstOrThrow();
        await this.writer.record(
          tx,
          inserted.id,
          'submit',
          'accepted',
          initial,
          matter,
          actingAs(ctx),
          unit,
          '',
        );
        await this.writer.record(
          tx,
          inserted.id,
          'accept',
          'accepted',
          initial,
          matter,
          actingAs(ctx),
          unit,
          '窗口受理',
        );
        await this.audit.record(tx, ctx, {
          action: 'application.submit',
          targetType: 'application',
          targetId: inserted.id,
          regionCode: community,
          detail: { number: inserted.number, matterCode: matter.code, channel: input.channel },
        });
        const limit = applicationTimeLimit(this.calendar, matter, accepted);
        await this.notifications.queueSms(
          tx,
          input.phone,
          `【网上社区】您的“${matter.name}”申请已受理，编号${inserted.number}，承诺${matter.timeLimitDays}个工作日内办结${limit.deadline ? `（${limit.deadline}前）` : ''}。凭编号和手机号可查询进度。`,
          inserted.id,
        );
        await this.writer.notifyNextStep(
          tx,
          matter,
          accepted,
          community,
          inserted.id,
          inserted.number,
        );
        return inserted.id;
      }),
    );
    return id;
  }

  /** A form submitted before (its submission key is taken): refused, naming the application. */
  private async refuseRepeat(submissionKey: string) {
    const earlier = await this.db
      .selectFrom('application')
      .select('number')
      .where('submission_key', '=', submissionKey)
      .executeTakeFirst();
    if (earlier) {
      throw new DomainError('CONFLICT', `该申请已提交，编号 ${earlier.number}，请勿重复提交`, [
        { path: 'submissionKey', message: `已提交，编号 ${earlier.number}` },
      ]);
    }
  }

  /**
   * Runs the write of a submission; when a second copy of the same form (a double click) got in
   * first, its unique submission key makes this one the same refusal as a later resubmit.
   */
  private async once<T>(submissionKey: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) await this.refuseRepeat(submissionKey);
      throw error;
    }
  }

  /**
   * Sends a six-digit code to the phone an online applicant gives. At most one a minute and five
   * an hour per number; the reply is the same whether or not a code was sent.
   */
  async requestCode(ctx: RequestContext, phone: string): Promise<void> {
    const bidx = phoneIndexOf(this.cipher, phone)!;
    const now = this.clock();
    const recent = await this.db
      .selectFrom('phone_challenge')
      .select('created_at')
      .where('phone_bidx', '=', bidx)
      .where('created_at', '>', new Date(now.getTime() - 3600_000))
      .orderBy('created_at', 'desc')
      .execute();
    if (
      recent.length >= 5 ||
      (recent[0] && now.getTime() - recent[0].created_at.getTime() < 60_000)
    ) {
      throw new DomainError('RATE_LIMITED', '验证码发送过于频繁，请稍后再试');
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('phone_challenge')
        .values({
          phone_bidx: bidx,
          code_hash: 'pending',
          expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000),
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('phone_challenge')
        .set({ code_hash: codeHash(id, code) })
        .where('id', '=', id)
        .execute();
      await this.notifications.queueSms(
        tx,
        phone,
        `【网上社区】您的验证码是 ${code}，${CODE_MINUTES} 分钟内有效，仅用于网上申请，请勿告诉他人。`,
        null,
      );
    });
    await this.audit.record(null, ctx, {
      action: 'application.code',
      targetType: 'phone',
      targetId: null,
      regionCode: null,
    });
  }

  /** Checks and uses up an SMS code; VALIDATION naming the field when wrong or expired. */
  private async useCode(phone: string, code: string) {
    const bidx = phoneIndexOf(this.cipher, phone)!;
    const now = this.clock();
    const challenge = await this.db
      .selectFrom('phone_challenge')
      .selectAll()
      .where('phone_bidx', '=', bidx)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const wrong = (message: string) =>
      new DomainError('VALIDATION', message, [{ path: 'code', message }]);
    if (!challenge || challenge.attempts >= CODE_TRIES) throw wrong('验证码已失效，请重新获取');
    if (challenge.code_hash !== codeHash(challenge.id, code)) {
      await this.db
        .updateTable('phone_challenge')
        .set({ attempts: challenge.attempts + 1 })
        .where('id', '=', challenge.id)
        .execute();
      throw wrong('验证码不正确');
    }
    await this.db
      .updateTable('phone_challenge')
      .set({ used_at: now })
      .where('id', '=', challenge.id)
      .execute();
  }

  /**
   * An online application by the resident: the phone proved by a code, the ID number valid, the
   * community real; it waits for the community's acceptance (materials are checked then). The
   * applicant's record is linked when the platform holds one in that city.
   */
  async submitOnline(
    ctx: RequestContext,
    input: OnlineApplicationInput,
  ): Promise<{ number: string }> {
    const problems: { path: string; message: string }[] = [];
    const id = parseIdNumber(input.idNumber, this.today());
    if (!id.ok) problems.push({ path: 'idNumber', message: id.message });
    const community = await this.db
      .selectFrom('region')
      .select(['code', 'level'])
      .where('code', '=', input.regionCode)
      .executeTakeFirst();
    if (!community || community.level !== 'community') {
      problems.push({ path: 'regionCode', message: '请选择所在社区（村）' });
    }
    await this.refuseRepeat(input.submissionKey);
    if (problems.length > 0) throw new DomainError('VALIDATION', problems[0]!.message, problems);
    const city = cityOf(input.regionCode);
    const row = await this.matters.current(city, input.matterCode);
    const matter = row.definition as ServiceMatter;
    if (!row.enabled || !matter.online) {
      throw new DomainError('VALIDATION', `“${row.name}”不支持网上申请，请到社区窗口办理`, [
        { path: 'matterCode', message: '不支持网上申请' },
      ]);
    }
    const { values: form, problems: formProblems } = applicationFormProblems(matter, input.form);
    if (formProblems.length > 0) {
      throw new DomainError('VALIDATION', formProblems[0]!.message, formProblems);
    }
    const idNumber = id.ok ? id.value.number : input.idNumber;
    const documentBidx = documentIndexOf(this.cipher, idNumber);
    const open = await openApplicationsOf(this.db, documentBidx, matter.code);
    if (open.length > 0) {
      await this.refuseRepeat(input.submissionKey); // this very form, sent twice at once
      throw new DomainError(
        'CONFLICT',
        `您已有在办的“${matter.name}”申请（编号 ${open[0]!.number}），请勿重复申请`,
        [{ path: 'matterCode', message: `已有在办申请 ${open[0]!.number}` }],
      );
    }
    await this.useCode(input.phone, input.code);
    const person = await this.db
      .selectFrom('person')
      .select(['id', 'name'])
      .where('document_bidx', '=', documentBidx)
      .where('merged_into', 'is', null)
      .where('region_code', 'like', `${city}%`)
      .executeTakeFirst();
    const now = this.clock();
    const today = this.today();
    const applicant = { id: null, name: `${input.name}（网上申请）` };
    const change = {
      actorId: null,
      actorName: applicant.name,
      source: 'application' as const,
      at: now,
    };
    return this.once(input.submissionKey, () =>
      withChange(this.db, change, async (tx) => {
        const state = initialApplicationState(matter);
        const inserted = await tx
          .insertInto('application')
          .values({
            number: applicationNumber(today, await nextApplicationSequence(tx)),
            city_code: city,
            matter_id: row.id,
            matter_code: matter.code,
            matter_version: row.version,
            department_type: matter.departmentType,
            person_id: person?.id ?? null,
            applicant_name: input.name,
            applicant_pii: this.cipher.encrypt(
              JSON.stringify({ idNumber, phone: input.phone } satisfies ApplicantPii),
            ),
            applicant_document_bidx: documentBidx,
            applicant_phone_bidx: phoneIndexOf(this.cipher, input.phone)!,
            region_code: input.regionCode,
            channel: 'online',
            ...this.writer.columnsOf(matter, state, input.regionCode),
            form: JSON.stringify(form),
            materials: JSON.stringify(
              matter.materials.map((m) => ({
                code: m.code,
                name: m.name,
                state: 'missing',
                reason: null,
              })),
            ),
            submission_key: input.submissionKey,
            submitted_at: now,
          })
          .returning(['id', 'number'])
          .executeTakeFirstOrThrow();
        await this.writer.record(
          tx,
          inserted.id,
          'submit',
          'submitted',
          state,
          matter,
          applicant,
          null,
          '',
        );
        await this.audit.record(tx, ctx, {
          action: 'application.submit',
          targetType: 'application',
          targetId: inserted.id,
          regionCode: input.regionCode,
          detail: { number: inserted.number, matterCode: matter.code, channel: 'online' },
        });
        await this.notifications.queueSms(
          tx,
          input.phone,
          `【网上社区】您的“${matter.name}”网上申请已提交，编号${inserted.number}，社区将尽快受理，受理时请携带申请材料原件。`,
          inserted.id,
        );
        await this.writer.notifyNextStep(
          tx,
          matter,
          state,
          input.regionCode,
          inserted.id,
          inserted.number,
        );
        return { number: inserted.number };
      }),
    );
  }
}

function codeHash(id: string, code: string): string {
  return createHash('sha256').update(`${id}:${code}`).digest('hex');
}

function typedValue(type: string, value: string): string | number | boolean {
  if (type === 'number') return Number(value);
  if (type === 'boolean') return value === 'true';
  return value;
}
