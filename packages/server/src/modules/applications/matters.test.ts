import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findServiceMatter,
  type MatterSummary,
  type MatterVersion,
  type MatterView,
} from '@shequ/core';
import { loginAs } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';

type Problem = { errors?: { path: string; message: string }[] };
const pathsOf = (r: { json(): unknown }) => ((r.json() as Problem).errors ?? []).map((e) => e.path);

describe(`service matter catalog administration (${testEngine})`, () => {
  let t: TestApp;
  let admin: Agent; // 南京市 informatization administrator
  let worker: Agent;
  let qinhuaiAdmin: Agent;
  const template = findServiceMatter('elderly_allowance_claim')!;
  const newMatter = (code: string) => ({
    ...structuredClone(template),
    code,
    name: '测试事项：高龄津贴（试点）',
    form: [
      ...template.form,
      { key: 'pilotNote', label: '试点说明', type: 'textarea' as const, required: false },
    ],
  });
  const count = async (table: 'service_matter' | 'service_matter_revision') =>
    Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db.db))
        .rows[0]!.n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent: admin } = await loginAs(t, 'informatization_admin', '3201'));
    ({ agent: worker } = await loginAs(t, 'community_worker', '320102005001'));
    ({ agent: qinhuaiAdmin } = await loginAs(t, 'informatization_admin', '320104'));
    await admin.get('/api/matters'); // the city's catalog is copied on first use
  });
  afterAll(async () => t.close());

  it('creates a matter as version 1 with its reason, revision and audit event', async () => {
    const created = await admin.post('/api/matters', {
      definition: newMatter('pilot_allowance'),
      enabled: true,
      reason: '市民政局试点通知',
    });
    expect(created.statusCode).toBe(201);
    const view = created.json() as MatterView;
    expect(view).toMatchObject({ code: 'pilot_allowance', version: 1, enabled: true });
    expect((view.definition.form as { key: string }[]).at(-1)!.key).toBe('pilotNote');

    const revisions = await t.db.db
      .selectFrom('service_matter_revision')
      .innerJoin('service_matter', 'service_matter.id', 'service_matter_revision.matter_id')
      .select(['service_matter_revision.version'])
      .where('service_matter.code', '=', 'pilot_allowance')
      .execute();
    expect(revisions.map((r) => r.version)).toEqual([1]);
    const audit = await t.db.db
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('action', '=', 'matter.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ code: 'pilot_allowance', reason: '市民政局试点通知' });

    const again = await admin.post('/api/matters', {
      definition: newMatter('pilot_allowance'),
      enabled: true,
      reason: '重复',
    });
    expect(again.statusCode).toBe(409);
    expect(pathsOf(again)).toEqual(['definition.code']);
  });

  it('saves an edit as the next version; a stale version or a changed code is refused', async () => {
    const current = (await admin.get('/api/matters/pilot_allowance')).json() as MatterView;
    const edited = { ...current.definition, timeLimitDays: 18 };
    const saved = await admin.put('/api/matters/pilot_allowance', {
      definition: edited,
      enabled: false,
      version: current.version,
      reason: '延长承诺时限',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: current.version + 1, timeLimitDays: 18 });

    const unchanged = await admin.put('/api/matters/pilot_allowance', {
      definition: edited,
      enabled: false,
      version: current.version + 1,
      reason: '再存一次',
    });
    expect(unchanged.statusCode).toBe(400);
    expect(pathsOf(unchanged)).toEqual(['definition']);

    const stale = await admin.put('/api/matters/pilot_allowance', {
      definition: edited,
      enabled: true,
      version: current.version,
      reason: '再改一次',
    });
    expect(stale.statusCode).toBe(409);
    const renamed = await admin.put('/api/matters/pilot_allowance', {
      definition: { ...edited, code: 'other_code' },
      enabled: true,
      version: current.version + 1,
      reason: '改编码',
    });
    expect(renamed.statusCode).toBe(400);
    expect(pathsOf(renamed)).toContain('definition.code');

    // disabled: gone from the public catalog and the workers' list, still listed for the admin
    const publicCodes = (
      (await t.agent().get('/api/public/matters?city=3201')).json() as MatterSummary[]
    ).map((m) => m.code);
    expect(publicCodes).not.toContain('pilot_allowance');
    const workerCodes = ((await worker.get('/api/matters')).json() as MatterSummary[]).map(
      (m) => m.code,
    );
    expect(workerCodes).not.toContain('pilot_allowance');
    const adminList = (await admin.get('/api/matters')).json() as MatterSummary[];
    expect(adminList.find((m) => m.code === 'pilot_allowance')).toMatchObject({ enabled: false });
  });

  it('keeps each version with who saved it, why, and what it changed', async () => {
    const response = await worker.get('/api/matters/pilot_allowance/versions');
    expect(response.statusCode, response.body).toBe(200);
    const versions = response.json() as MatterVersion[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      reason: '延长承诺时限',
      enabled: false,
      changes: ['承诺时限：15 个工作日 → 18 个工作日'],
    });
    expect(versions[0]!.actorName).not.toBe('系统');
    expect(versions[1]).toMatchObject({ reason: '市民政局试点通知', enabled: null, changes: [] });
    // the catalog's own matters start as the system's version 1
    const seeded = (await worker.get('/api/matters/elderly_allowance_claim/versions')).json();
    expect(seeded).toMatchObject([{ version: 1, actorName: '系统', reason: null }]);
  });

  it('refuses a malformed or inconsistent definition at the field, storing nothing', async () => {
    const before = [await count('service_matter'), await count('service_matter_revision')];
    const wrongShape = await admin.post('/api/matters', {
      definition: { ...newMatter('shape_test'), name: 42, form: [{ key: 'x' }] },
      enabled: true,
      reason: '测试',
    });
    expect(wrongShape.statusCode).toBe(400);
    expect(pathsOf(wrongShape)).toEqual(
      expect.arrayContaining(['definition.name', 'definition.form.0.label']),
    );

    const broken = newMatter('rules_test');
    broken.steps = broken.steps.map((s) =>
      s.kind === 'decide' ? { ...s, departmentType: 'no_such_department' } : s,
    ) as typeof broken.steps;
    broken.form = [...broken.form, { ...broken.form[0]! }]; // a repeated key
    const inconsistent = await admin.post('/api/matters', {
      definition: broken,
      enabled: true,
      reason: '测试',
    });
    expect(inconsistent.statusCode).toBe(400);
    const problems = (inconsistent.json() as Problem).errors!;
    expect(problems.some((p) => /^definition\.steps\.\d+\.departmentType$/.test(p.path))).toBe(
      true,
    );
    expect(problems.some((p) => /^definition\.form\.\d+\.key$/.test(p.path))).toBe(true);
    expect(problems.every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);

    const oneLetter = await admin.post('/api/matters', {
      definition: newMatter('q'),
      enabled: true,
      reason: '测试',
    });
    expect(oneLetter.statusCode).toBe(400);
    expect(pathsOf(oneLetter)).toEqual(['definition.code']);
    // NUL cannot be stored as text: a clear refusal, not a server error
    const nul = await admin.post('/api/matters', {
      definition: { ...newMatter('nul_test'), name: '含\u0000字符' },
      enabled: true,
      reason: '测试',
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ detail: expect.stringContaining('控制字符') });

    const noReason = await admin.post('/api/matters', {
      definition: newMatter('reason_test'),
      enabled: true,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(pathsOf(noReason)).toEqual(['reason']);
    expect([await count('service_matter'), await count('service_matter_revision')]).toEqual(before);
  });

  it('is for the city administrator only', async () => {
    const byWorker = await worker.post('/api/matters', {
      definition: newMatter('worker_try'),
      enabled: true,
      reason: '测试',
    });
    expect(byWorker.statusCode).toBe(403);
    const current = (await admin.get('/api/matters/pilot_allowance')).json() as MatterView;
    const byWorkerEdit = await worker.put('/api/matters/pilot_allowance', {
      definition: current.definition,
      enabled: true,
      version: current.version,
      reason: '测试',
    });
    expect(byWorkerEdit.statusCode).toBe(403);
    // a county's administrator does not manage the city's catalog
    const byCounty = await qinhuaiAdmin.post('/api/matters', {
      definition: newMatter('county_try'),
      enabled: true,
      reason: '测试',
    });
    expect(byCounty.statusCode).toBe(403);
  });
});
