import { createHash } from 'node:crypto';
import { DomainError, type ApplicationDetail, type ApplicationFileView } from '@shequ/core';
import type { Kysely } from 'kysely';
import { withChange } from '../../db/change-context';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { Executor } from '../audit/audit.repository';
import type { AuditService } from '../audit/audit.service';
import { changeBy } from './application-writer';
import type { ApplicationsService } from './applications.service';
import type { MattersService } from './matters.service';

/** A scan is at most 10 MiB (the table's check); an application holds at most 60 of them. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
const MAX_FILES_PER_APPLICATION = 60;

/** The formats a window scanner or a phone produces, recognised by their first bytes. */
const signatures: { type: string; magic: number[] }[] = [
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** The content type of a scan by its bytes (the declared type is not trusted), or undefined. */
export function scanTypeOf(content: Uint8Array): string | undefined {
  return signatures.find((s) => s.magic.every((b, i) => content[i] === b))?.type;
}

export interface ScanUpload {
  materialCode: string;
  fileName: string;
  content: Buffer;
}

/**
 * Scans of an application's materials (申请材料扫描件): attached at the window or by whoever works
 * the current step, read by whoever may see the application; every upload and read is audited.
 * A scan of a material the application still lacks marks it provided.
 */
export class ApplicationFiles {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly applications: ApplicationsService,
    private readonly matters: MattersService,
  ) {}

  async attach(ctx: ActorContext, id: string, upload: ScanUpload): Promise<ApplicationFileView> {
    const row = await this.applications.visible(ctx, id);
    if (!(await this.applications.mayAttach(ctx, row))) {
      throw new DomainError('FORBIDDEN', '只有受理窗口或当前环节的办理人员可以上传办结前的材料');
    }
    const matter = await this.matters.definitionAt(row.matter_id, row.matter_version);
    const material = matter.materials.find((m) => m.code === upload.materialCode);
    const fileName = upload.fileName.trim();
    const problems = [
      ...(material
        ? []
        : [{ path: 'materialCode', message: `事项“${matter.name}”没有该申请材料` }]),
      ...(fileName.length === 0 || [...fileName].length > 200 || /[\\/\0]/.test(fileName)
        ? [{ path: 'fileName', message: '文件名应为 1–200 个字，且不含斜杠' }]
        : []),
    ];
    const contentType = scanTypeOf(upload.content);
    if (upload.content.length === 0) {
      problems.push({ path: 'file', message: '上传的文件是空的' });
    } else if (!contentType) {
      problems.push({ path: 'file', message: '扫描件只能是 JPG、PNG 图片或 PDF 文件' });
    } else if (upload.content.length > MAX_SCAN_BYTES) {
      problems.push({ path: 'file', message: '扫描件不能超过 10 MB' });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION', problems[0]!.message, problems);

    const at = this.clock();
    const stored = await withChange(this.db, changeBy(ctx, at), async (tx) => {
      // the application's row first: uploads sent at once take turns, so the cap holds
      const { materials } = await tx
        .selectFrom('application')
        .select('materials')
        .where('id', '=', row.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const { n } = await tx
        .selectFrom('application_file')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('application_id', '=', row.id)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_FILES_PER_APPLICATION) {
        throw new DomainError(
          'VALIDATION',
          `每件申请最多上传 ${MAX_FILES_PER_APPLICATION} 个扫描件`,
          [{ path: 'file', message: `每件申请最多上传 ${MAX_FILES_PER_APPLICATION} 个扫描件` }],
        );
      }
      const file = await tx
        .insertInto('application_file')
        .values({
          application_id: row.id,
          material_code: material!.code,
          file_name: fileName,
          content_type: contentType!,
          size_bytes: upload.content.length,
          sha256: createHash('sha256').update(upload.content).digest('hex'),
          content: upload.content,
          uploaded_by: ctx.actor.userId,
          created_at: at,
        })
        .returning(['id', 'material_code', 'file_name', 'content_type', 'size_bytes', 'sha256'])
        .executeTakeFirstOrThrow();
      await markProvided(tx, row.id, materials, material!.code);
      await this.audit.record(tx, ctx, {
        action: 'application.file.attach',
        targetType: 'application',
        targetId: row.id,
        regionCode: row.region_code,
        detail: { file: file.id, material: file.material_code, bytes: file.size_bytes },
      });
      return file;
    });
    return {
      id: stored.id,
      materialCode: stored.material_code,
      fileName: stored.file_name,
      contentType: stored.content_type,
      sizeBytes: stored.size_bytes,
      sha256: stored.sha256,
      uploadedByName: ctx.actor.displayName,
      createdAt: at.toISOString(),
    };
  }

  /** One scan's bytes, for a caller who may see the application; the read is audited. */
  async read(ctx: ActorContext, id: string, fileId: string) {
    const row = await this.applications.visible(ctx, id);
    const file = await this.db
      .selectFrom('application_file')
      .select(['id', 'file_name', 'content_type', 'content', 'sha256'])
      .where('id', '=', fileId)
      .where('application_id', '=', row.id)
      .executeTakeFirst();
    if (!file) throw new DomainError('NOT_FOUND', '该扫描件不存在');
    await this.audit.record(null, ctx, {
      action: 'application.file.read',
      targetType: 'application',
      targetId: row.id,
      regionCode: row.region_code,
      detail: { file: file.id },
    });
    return {
      fileName: file.file_name,
      contentType: file.content_type,
      content: file.content,
      sha256: file.sha256,
    };
  }
}

/** The scans of an application, oldest first, without their bytes. */
export async function filesOf(db: Executor, applicationId: string): Promise<ApplicationFileView[]> {
  const rows = await db
    .selectFrom('application_file as f')
    .leftJoin('app_user as u', 'u.id', 'f.uploaded_by')
    .select([
      'f.id',
      'f.material_code',
      'f.file_name',
      'f.content_type',
      'f.size_bytes',
      'f.sha256',
      'f.created_at',
      'u.display_name',
    ])
    .where('f.application_id', '=', applicationId)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    materialCode: r.material_code,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedByName: r.display_name,
    createdAt: r.created_at.toISOString(),
  }));
}

/** A scan handed in for a material the application lacked makes it provided. */
async function markProvided(
  tx: Executor,
  applicationId: string,
  materials: unknown,
  code: string,
): Promise<void> {
  const list = materials as ApplicationDetail['materials'];
  if (!list.some((m) => m.code === code && m.state === 'missing')) return;
  const provided = list.map((m) =>
    m.code === code && m.state === 'missing'
      ? { ...m, state: 'provided' as const, reason: '已上传扫描件' }
      : m,
  );
  await tx
    .updateTable('application')
    .set({ materials: JSON.stringify(provided) })
    .where('id', '=', applicationId)
    .execute();
}
