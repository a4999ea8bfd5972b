import { PassThrough, type Readable } from 'node:stream';
import { personImportColumns } from '@shequ/core';
import ExcelJS from 'exceljs';
import type { FieldCipher } from '../../crypto/field-cipher';
import { openPii } from '../people/pii';
import type { RejectedRow } from './import.repository';

type ColumnKey = (typeof personImportColumns)[number]['key'];

/**
 * The rejected rows as a streamed XLSX: 原行号, 错误原因, then the file's own columns with the values
 * it held, so the file can be corrected and imported again.
 */
export function rejectedRowsWorkbook(
  cipher: FieldCipher,
  headers: readonly string[],
  mapping: Record<string, string>,
  batches: AsyncIterable<RejectedRow[]>,
): Readable {
  const out = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet('未导入的行', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = [
      { header: '原行号', width: 8 },
      { header: '错误原因', width: 50 },
      ...headers.map((h) => ({ header: h, width: 14 })),
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of batches) {
      for (const row of batch) {
        const reasons = (row.errors ?? []).map((e) => e.message).join('；');
        const raw = row.raw ?? cellsFromStaged(cipher, row, headers, mapping);
        sheet
          .addRow([row.row_no, reasons, ...headers.map((h, i) => raw[h || `第${i + 1}列`] ?? '')])
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** A row rejected by a cross-row check was stored as values, not cells: put them back. */
export function cellsFromStaged(
  cipher: FieldCipher,
  row: RejectedRow,
  headers: readonly string[],
  mapping: Record<string, string>,
): Record<string, string> {
  const pii = row.pii ? openPii(cipher, row.pii) : null;
  const byKey: Partial<Record<ColumnKey, string | null>> = {
    name: row.name,
    documentType: row.document_type,
    idNumber: pii?.idNumber ?? null,
    phone: pii?.phone ?? null,
    registeredAddress: pii?.registeredAddress ?? null,
    currentAddress: pii?.currentAddress ?? null,
    sex: row.sex,
    birthDate: row.birth_date,
    ethnicity: row.ethnicity,
    politicalStatus: row.political_status,
    maritalStatus: row.marital_status,
    education: row.education,
    occupation: row.occupation,
    employer: row.employer,
    health: row.health,
    note: row.note,
    tags: row.tags?.join('、') ?? null,
    regionCode: row.region_code,
    householdNumber: row.household_number,
    relationToHead: row.relation_to_head,
    householdType: row.household_type,
    compound: row.compound,
    building: row.building,
    unit: row.unit,
    room: row.room,
    residenceType: row.residence_type,
  };
  const keyOfLabel = new Map(personImportColumns.map((c) => [c.label, c.key]));
  return Object.fromEntries(
    headers.map((h, i) => {
      const key = keyOfLabel.get(mapping[h] ?? '');
      return [h || `第${i + 1}列`, key ? (byKey[key] ?? '') : ''];
    }),
  );
}

/** The import template: every column with a sample row. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '网上社区';
  const sheet = workbook.addWorksheet('人员信息');
  sheet.columns = personImportColumns.map((c) => ({
    header: c.required ? `${c.label}*` : c.label,
    width: Math.max(10, c.label.length * 3),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const sample: Partial<Record<ColumnKey, string>> = {
    name: '张三',
    documentType: '居民身份证',
    idNumber: '11010519491231002X',
    sex: '女',
    birthDate: '1949-12-31',
    ethnicity: '汉族',
    residenceType: '户籍',
    phone: '13912345678',
    registeredAddress: '南京市玄武区百子亭12号',
    currentAddress: '南京市玄武区百子亭12号3栋2单元301室',
    householdNumber: '320102000001',
    relationToHead: '户主',
    householdType: '家庭户',
    compound: '百子亭小区',
    building: '3栋',
    unit: '2单元',
    room: '301',
    politicalStatus: '群众',
    maritalStatus: '已婚',
    education: '大学本科',
  };
  sheet.addRow(personImportColumns.map((c) => sample[c.key] ?? ''));
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 14 },
    { header: '可用的其他列名', width: 40 },
    { header: '说明', width: 60 },
  ];
  for (const c of personImportColumns) {
    notes.addRow([c.label, c.synonyms.join('、'), c.required ? '必填' : '选填']);
  }
  notes.addRow([]);
  notes.addRow([
    '',
    '',
    '按列名匹配，列的顺序不限；证件号码列请设为“文本”格式，以免 Excel 丢失末位数字。',
  ]);
  notes.addRow([
    '',
    '',
    '所属社区填 12 位社区（村）代码或 15 位网格代码；不填时导入到导入时选择的社区。',
  ]);
  notes.addRow([
    '',
    '',
    '重复导入同一文件不会产生重复数据：以证件号码识别人员，未填写的单元格不会覆盖已有信息。',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
