import { expect } from 'vitest';
import type { ImportJobView } from '@shequ/core';
import type { Agent } from './harness';

/** Polls an import job until it leaves staging/merging. */
export async function waitForJob(agent: Agent, id: string): Promise<ImportJobView> {
  for (let i = 0; i < 600; i += 1) {
    const job = (await agent.get(`/api/imports/${id}`)).json() as ImportJobView;
    if (!['staging', 'merging'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Uploads a file as the import wizard does and waits for the job (dry run unless `apply`). */
export async function importFile(
  agent: Agent,
  file: Buffer,
  fileName: string,
  options: { apply?: boolean; regionCode?: string } = {},
): Promise<ImportJobView> {
  const query = new URLSearchParams({
    fileName,
    regionCode: options.regionCode ?? '320102005001',
    apply: String(options.apply ?? false),
  });
  const started = await agent.upload(`/api/imports?${query.toString()}`, file);
  expect(started.statusCode, started.body).toBe(202);
  return waitForJob(agent, (started.json() as ImportJobView).id);
}
