import {
  DomainError,
  type ApplicationAction,
  type DocumentCheckView,
  type TrackingView,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { RequestContext } from '../../http/context';
import { RateLimiter } from '../../http/rate-limiter';
import type { AuditService } from '../audit/audit.service';
import { phoneIndexOf } from '../people/pii';
import { applicationsWithNames, documentOf, timelineOf } from './applications.repository';
import { documentView } from './applications.service';
import type { MattersService } from './matters.service';

/**
 * Refused lookups a client address may make per minute, and refused tracks of one application
 * number (from any address): beyond them the lookups are refused with 429 for the rest of the
 * minute, so neither a phone number nor a verification code can be guessed by trying.
 */
export const REFUSALS_PER_ADDRESS = 10;
export const REFUSALS_PER_NUMBER = 5;

/**
 * What anyone may look up without an account: an application by its number and the applicant's
 * phone (办件查询), a result document by its verification code (文书核验). Every lookup is
 * audited, refused ones too.
 */
export class PublicLookups {
  private readonly refusals = new RateLimiter();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly matters: MattersService,
  ) {}

  /** A resident tracks an application by its number and the phone number given when applying. */
  async track(ctx: RequestContext, number: string, phone: string): Promise<TrackingView> {
    this.refuseFlood(ctx, number);
    const row = await applicationsWithNames(this.db)
      .where('a.number', '=', number)
      .executeTakeFirst();
    const matches =
      row !== undefined && row.applicant_phone_bidx === phoneIndexOf(this.cipher, phone);
    await this.audit.record(null, ctx, {
      action: matches ? 'application.track' : 'application.track.refused',
      targetType: 'application',
      targetId: row?.id ?? null,
      regionCode: row?.region_code ?? null,
      detail: { number },
    });
    if (!row || !matches) {
      throw new DomainError('NOT_FOUND', '未找到该申请，请核对申请编号和手机号码');
    }
    this.succeeded(ctx, number);
    const matter = await this.matters.definitionAt(row.matter_id, row.matter_version);
    const [timeline, document] = await Promise.all([
      timelineOf(this.db, row.id),
      documentOf(this.db, row.id),
    ]);
    return {
      number: row.number,
      matterName: row.matter_name,
      status: row.status,
      stepName: matter.steps[row.step_index]!.name,
      submittedAt: row.submitted_at.toISOString(),
      deadline: row.deadline,
      timeline: timeline.map((t) => ({
        stepName: t.step_name,
        action: t.action as ApplicationAction,
        unit: t.actor_unit,
        at: t.at.toISOString(),
        // what the resident must know: why it came back, why it was refused
        opinion: ['return', 'reject'].includes(t.action) ? t.opinion : null,
      })),
      document: document ? documentView(document) : null,
    };
  }

  /** Anyone checks a result document by its verification code. */
  async checkDocument(ctx: RequestContext, code: string): Promise<DocumentCheckView> {
    this.refuseFlood(ctx);
    const doc = await this.db
      .selectFrom('result_document as d')
      .innerJoin('application as a', 'a.id', 'd.application_id')
      .innerJoin('service_matter as m', 'm.id', 'a.matter_id')
      .selectAll('d')
      .select(['a.applicant_name', 'm.name as matter_name', 'a.region_code'])
      .where('d.verification_code', '=', code.trim().toUpperCase())
      .executeTakeFirst();
    await this.audit.record(null, ctx, {
      action: 'document.check',
      targetType: 'result_document',
      targetId: doc?.id ?? null,
      regionCode: doc?.region_code ?? null,
    });
    if (!doc) throw new DomainError('NOT_FOUND', '验证码无效：没有以此验证码出具的文书');
    this.succeeded(ctx);
    return {
      valid: true,
      title: doc.title,
      documentNumber: doc.document_number,
      issuerName: doc.issuer_name,
      issuedOn: doc.issued_on,
      decision: doc.decision,
      applicantName: maskName(doc.applicant_name),
      matterName: doc.matter_name,
    };
  }

  /**
   * Counts the lookup against its address and number before anything is read — in one
   * synchronous step, so lookups sent in parallel cannot all pass a check made before any was
   * counted — and refuses it once either limit is reached. A lookup that succeeds is given back
   * (`succeeded`): only refusals use up the limits.
   */
  private refuseFlood(ctx: RequestContext, number?: string): void {
    const now = this.clock();
    const keys = [`ip:${ctx.clientIp}`, ...(number === undefined ? [] : [`number:${number}`])];
    const limits = [REFUSALS_PER_ADDRESS, REFUSALS_PER_NUMBER];
    const counted: string[] = [];
    for (const [i, key] of keys.entries()) {
      if (!this.refusals.hit(key, limits[i]!, now).ok) {
        for (const done of counted) this.refusals.release(done, now);
        throw new DomainError('RATE_LIMITED', '查询失败次数过多，请一分钟后再试');
      }
      counted.push(key);
    }
  }

  private succeeded(ctx: RequestContext, number?: string): void {
    const now = this.clock();
    this.refusals.release(`ip:${ctx.clientIp}`, now);
    if (number !== undefined) this.refusals.release(`number:${number}`, now);
  }
}

function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
