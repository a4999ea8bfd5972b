import type { ApplicationFileView } from '@shequ/core';

/** What a window scanner or a phone produces and the server takes (it checks the bytes again). */
export const SCAN_ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

const SCAN_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);
const SCAN_EXTENSION = /\.(jpe?g|png|pdf)$/i;

export type ScanProblem = 'empty' | 'format' | 'size';

/** Why a chosen file cannot be a scan, checked before it is sent; undefined when it can. */
export function scanProblem(file: {
  name: string;
  size: number;
  type: string;
}): ScanProblem | undefined {
  if (file.size === 0) return 'empty';
  if (!SCAN_TYPES.has(file.type) && !SCAN_EXTENSION.test(file.name)) return 'format';
  if (file.size > MAX_SCAN_BYTES) return 'size';
  return undefined;
}

/** A file size as a person reads it: 812 KB, 3.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Where a scan is shown (inline, audited by the server). */
export function scanUrl(applicationId: string, fileId: string): string {
  return `/api/applications/${applicationId}/files/${fileId}`;
}

/** The scans of one material, in the order they were attached. */
export function scansOf(
  files: readonly ApplicationFileView[],
  materialCode: string,
): ApplicationFileView[] {
  return files.filter((f) => f.materialCode === materialCode);
}

/** The scans picked in the intake wizard, one entry per file, material by material. */
export function pickedScans(
  picked: Record<string, readonly { originFileObj?: File }[] | undefined> | undefined,
): { materialCode: string; file: File }[] {
  return Object.entries(picked ?? {}).flatMap(([materialCode, list]) =>
    (list ?? []).flatMap((item) =>
      item.originFileObj ? [{ materialCode, file: item.originFileObj }] : [],
    ),
  );
}
