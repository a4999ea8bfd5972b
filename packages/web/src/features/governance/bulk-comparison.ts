import { idNumberCheckCharacter, type ComparisonJobView } from '@shequ/core';

/** What the file picker offers: the formats the server reads (NDJSON also as `.jsonl`). */
export const comparisonFileAccept = '.csv,.xlsx,.ndjson,.jsonl';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The content type a department's file is sent with, by its extension (browsers disagree on the
 * type they report for `.csv`: Windows says `application/vnd.ms-excel`); undefined when the
 * server does not read that kind of file.
 */
export function comparisonUploadType(fileName: string): string | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  switch (extension) {
    case 'csv':
      return 'text/csv';
    case 'xlsx':
      return XLSX_TYPE;
    case 'ndjson':
    case 'jsonl':
      return 'application/x-ndjson';
    default:
      return undefined;
  }
}

/** A made-up ID number with a correct check character (so the example reads as 查无此人, not 无效). */
function exampleIdNumber(first17: string): string {
  return first17 + idNumberCheckCharacter(first17);
}

/** The ID number shown as the example of the first column. */
export const comparisonExampleIdNumber = exampleIdNumber('32010219800101123');

/** The header of the example file: the column names the server looks for first. */
export const comparisonColumns = ['证件号码', '数据元', '值'] as const;

/**
 * The example file offered for download: UTF-8 with a BOM (so Excel opens the Chinese right),
 * one value per line, the same grade once by name and once by code, and a register membership.
 */
export function comparisonExampleCsv(): string {
  const rows = [
    [...comparisonColumns],
    [comparisonExampleIdNumber, 'group.disabled.grade', '二级'],
    [exampleIdNumber('32010219750315234'), 'group.disabled.grade', '2'],
    [exampleIdNumber('32010219620708345'), 'group.disabled', '是'],
  ];
  return `\uFEFF${rows.map((row) => row.join(',')).join('\r\n')}\r\n`;
}

export const isComparisonRunning = (job: Pick<ComparisonJobView, 'status'>) =>
  job.status === 'running';

/** The rows a department has to look at: they are what the detail file holds. */
export function rowsNeedingAttention(
  job: Pick<ComparisonJobView, 'mismatched' | 'unknownSubject' | 'invalid'>,
): number {
  return job.mismatched + job.unknownSubject + job.invalid;
}

/** The job list with the fresher state of the jobs polled one by one while they run. */
export function withPolledJobs(
  jobs: readonly ComparisonJobView[],
  polled: readonly (ComparisonJobView | undefined)[],
): ComparisonJobView[] {
  const byId = new Map(polled.flatMap((job) => (job ? [[job.id, job] as const] : [])));
  return jobs.map((job) => byId.get(job.id) ?? job);
}
