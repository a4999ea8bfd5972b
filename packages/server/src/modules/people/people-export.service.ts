import { PassThrough, type Readable } from 'node:stream';
import {
  ageOn,
  chinaDate,
  codeName,
  documentTypeCodes,
  DomainError,
  educationCodes,
  ethnicityCodes,
  isWithinAny,
  lifeStatuses,
  maritalStatusCodes,
  politicalStatusCodes,
  requirePermission,
  residenceTypes,
  scopesFor,
  sexCodes,
  type PersonSearchQuery,
} from '@shequ/core';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { openPii } from './pii';
import { streamPeople, type PersonRecordRow } from './people.repository';
import { maskPiiField } from './people-history';
import type { PeopleService } from './people.service';

type Row = PersonRecordRow & { plain: ReturnType<typeof openPii> | null };

/**
 * Streams any person list the caller can see to XLSX, batch by batch. Headers follow the import
 * template, so an export can be corrected and imported back. Masked unless the caller holds
 * person:unmask there and states a purpose.
 */
export class PeopleExportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly people: PeopleService,
  ) {}

  async export(
    ctx: ActorContext,
    query: Omit<PersonSearchQuery, 'page' | 'pageSize'>,
    unmasked: boolean,
  ): Promise<{ fileName: string; stream: Readable }> {
    let scopes = requirePermission(ctx.actor, 'person:export');
    if (unmasked) {
      if (!ctx.purpose || ctx.purpose.length < 2) {
        throw new DomainError('VALIDATION', '导出完整信息须说明目的', [
          { path: 'purpose', message: '请说明导出完整信息的目的' },
        ]);
      }
      const unmaskScopes = scopesFor(ctx.actor, 'person:unmask');
      scopes = scopes.filter((s) => isWithinAny(s, unmaskScopes));
      if (scopes.length === 0) throw new DomainError('FORBIDDEN', '您的角色无权导出完整的敏感信息');
    }
    const { sort: _sort, order: _order, ...rest } = query;
    const filter = this.people.filterOf(scopes, rest);
    await this.audit.record(null, ctx, {
      action: 'person.export',
      targetType: 'person',
      detail: { unmasked, filter: { ...rest, q: rest.q ? '***' : undefined } },
    });
    const today = chinaDate(this.clock());
    const out = new PassThrough();
    void this.write(out, filter, unmasked, today).catch((error: unknown) =>
      out.destroy(error as Error),
    );
    return { fileName: `人员清单_${today}.xlsx`, stream: out };
  }

  private async write(
    out: PassThrough,
    filter: ReturnType<PeopleService['filterOf']>,
    unmasked: boolean,
    today: string,
  ): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    workbook.creator = '网上社区';
    const sheet = workbook.addWorksheet('人员', { views: [{ state: 'frozen', ySplit: 1 }] });
    const pii = (r: Row, field: 'idNumber' | 'phone' | 'registeredAddress' | 'currentAddress') =>
      unmasked ? (r.plain?.[field] ?? null) : maskPiiField(field, r.plain?.[field] ?? null);
    const columns: { header: string; width: number; value: (r: Row) => string | number | null }[] =
      [
        { header: '姓名', width: 10, value: (r) => r.name },
        {
          header: '证件类型',
          width: 12,
          value: (r) => codeName(documentTypeCodes, r.document_type) ?? r.document_type,
        },
        {
          header: '证件号码',
          width: 22,
          value: (r) => (unmasked ? pii(r, 'idNumber') : r.id_masked),
        },
        {
          header: '性别',
          width: 6,
          value: (r) => (r.sex ? (codeName(sexCodes, r.sex) ?? r.sex) : null),
        },
        { header: '出生日期', width: 12, value: (r) => r.birth_date },
        {
          header: '年龄',
          width: 6,
          value: (r) => (r.birth_date ? ageOn(r.birth_date, today) : null),
        },
        {
          header: '民族',
          width: 8,
          value: (r) =>
            r.ethnicity ? (codeName(ethnicityCodes, r.ethnicity) ?? r.ethnicity) : null,
        },
        {
          header: '人口类型',
          width: 10,
          value: (r) => residenceTypes.find((t) => t.code === r.residence_type)?.name ?? null,
        },
        {
          header: '联系电话',
          width: 14,
          value: (r) => (unmasked ? pii(r, 'phone') : r.phone_masked),
        },
        { header: '户籍地址', width: 30, value: (r) => pii(r, 'registeredAddress') },
        { header: '现住址', width: 30, value: (r) => pii(r, 'currentAddress') },
        { header: '所属社区', width: 16, value: (r) => r.region_code },
        { header: '社区名称', width: 16, value: (r) => r.region_name },
        {
          header: '政治面貌',
          width: 10,
          value: (r) =>
            r.political_status
              ? (codeName(politicalStatusCodes, r.political_status) ?? null)
              : null,
        },
        {
          header: '婚姻状况',
          width: 8,
          value: (r) =>
            r.marital_status ? (codeName(maritalStatusCodes, r.marital_status) ?? null) : null,
        },
        {
          header: '文化程度',
          width: 12,
          value: (r) => (r.education ? (codeName(educationCodes, r.education) ?? null) : null),
        },
        { header: '职业', width: 12, value: (r) => r.occupation },
        { header: '工作单位', width: 20, value: (r) => r.employer },
        { header: '健康状况', width: 10, value: (r) => r.health },
        {
          header: '人员状态',
          width: 10,
          value: (r) => lifeStatuses.find((s) => s.code === r.life_status)?.name ?? null,
        },
        { header: '标签', width: 16, value: (r) => r.tags.join('、') || null },
      ];
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of streamPeople(this.db, filter)) {
      for (const row of batch) {
        const withPlain: Row = { ...row, plain: openPii(this.cipher, row.pii) };
        sheet.addRow(columns.map((c) => c.value(withPlain))).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  }
}
