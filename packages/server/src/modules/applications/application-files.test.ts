import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail, ApplicationFileView } from '@shequ/core';
import { loginAs, makeDepartment, makeElderlyApplication } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';
import { scanTypeOf } from './application-files';

const BAIZITING = '320102005001';

/** The first bytes of the three formats, padded to a plausible scan. */
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(2048, 7),
]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 32)]);
const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(512, 1)]);

describe(`scans of application materials (${testEngine})`, () => {
  let t: TestApp;
  let worker: Agent;
  let street: Agent;
  let civil: Agent;
  let qinhuaiWorker: Agent;
  let application: ApplicationDetail;
  const detail = async (agent: Agent = worker) =>
    (await agent.get(`/api/applications/${application.id}`)).json() as ApplicationDetail;
  const attach = (agent: Agent, body: Buffer, query: string, type = 'image/png') =>
    agent.upload(`/api/applications/${application.id}/files?${query}`, body, type);
  const q = (materialCode: string, fileName: string) =>
    `materialCode=${materialCode}&fileName=${encodeURIComponent(fileName)}`;

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent: worker } = await loginAs(t, 'community_worker', BAIZITING));
    ({ agent: street } = await loginAs(t, 'street_staff', '320102005'));
    ({ agent: civil } = await loginAs(
      t,
      'department_reviewer',
      '320102',
      await makeDepartment(t.services, 'civil_affairs', '320102'),
    ));
    ({ agent: qinhuaiWorker } = await loginAs(t, 'community_worker', '320104001001'));
    const { id } = await makeElderlyApplication(worker, {
      name: '陈桂兰',
      birth: '19380506',
      phone: '13812345678',
    });
    application = (await worker.get(`/api/applications/${id}`)).json() as ApplicationDetail;
  });
  afterAll(async () => t?.close());

  it('recognises a scan by its bytes, not by what it claims to be', () => {
    expect(scanTypeOf(png)).toBe('image/png');
    expect(scanTypeOf(pdf)).toBe('application/pdf');
    expect(scanTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(scanTypeOf(gif)).toBeUndefined();
    expect(scanTypeOf(Buffer.alloc(0))).toBeUndefined();
  });

  it('attaches a scan at the window; a material the application lacked becomes provided', async () => {
    expect(application.mayAttach).toBe(true);
    expect(application.materials.find((m) => m.code === 'agent_documents')!.state).toBe('missing');
    const response = await attach(
      worker,
      pdf,
      q('agent_documents', '代理人身份证.pdf'),
      'image/png',
    );
    expect(response.statusCode, response.body).toBe(201);
    const file = response.json() as ApplicationFileView;
    // the declared type was wrong; the stored type is what the bytes are
    expect(file).toMatchObject({
      materialCode: 'agent_documents',
      fileName: '代理人身份证.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
    });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);

    const after = await detail();
    expect(after.files.map((f) => f.id)).toEqual([file.id]);
    expect(after.materials.find((m) => m.code === 'agent_documents')).toMatchObject({
      state: 'provided',
      reason: '已上传扫描件',
    });
    expect(after.version).toBe(application.version); // attaching does not stale an open action form

    const read = await worker.get(`/api/applications/${application.id}/files/${file.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('application/pdf');
    expect(read.headers['content-disposition']).toMatch(/^attachment;/);
    expect(read.headers['content-disposition']).toContain(encodeURIComponent('代理人身份证.pdf'));
    expect(read.rawPayload.equals(pdf)).toBe(true);

    const audited = await t.db.db
      .selectFrom('audit_event')
      .select('action')
      .where('target_id', '=', application.id)
      .where('action', 'like', 'application.file.%')
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual([
      'application.file.attach',
      'application.file.read',
    ]);
  });

  it('refuses a bad scan at the field and stores nothing', async () => {
    const before = (await detail()).files.length;
    const wrongFormat = await attach(worker, gif, q('bank_card', '银行卡.gif'), 'image/gif');
    expect(wrongFormat.statusCode).toBe(400);
    expect(wrongFormat.json()).toMatchObject({
      errors: [{ path: 'file', message: '扫描件只能是 JPG、PNG 图片或 PDF 文件' }],
    });
    const unknownMaterial = await attach(worker, png, q('passport', '护照.png'));
    expect(unknownMaterial.statusCode).toBe(400);
    expect((unknownMaterial.json() as { errors: { path: string }[] }).errors[0]!.path).toBe(
      'materialCode',
    );
    const tooLarge = await attach(
      worker,
      Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]),
      q('bank_card', '银行卡.png'),
    );
    expect(tooLarge.statusCode).toBe(413);
    const json = await worker.post(
      `/api/applications/${application.id}/files?${q('bank_card', 'a.png')}`,
      {
        not: 'a file',
      },
    );
    expect(json.statusCode).toBe(400);
    expect((await detail()).files.length).toBe(before);
  });

  it('takes raw files on the upload route only: public routes keep their JSON-only 1 MiB', async () => {
    const resident = t.agent();
    const file = await resident.upload('/api/public/applications', Buffer.alloc(2 * 1024 * 1024));
    expect(file.statusCode).toBe(415);
    expect(file.json()).toMatchObject({ detail: expect.stringContaining('Content-Type') });
    const big = JSON.stringify({ matterCode: 'x'.repeat(1024 * 1024 + 1) });
    const json = await resident.post('/api/public/applications', big, {
      'content-type': 'application/json',
    });
    expect(json.statusCode).toBe(413);
  });

  it('lets only whoever may see the application read its scans, and only its handlers attach', async () => {
    const [file] = (await detail()).files;
    const url = `/api/applications/${application.id}/files/${file!.id}`;
    // another county's worker: as if it did not exist
    expect((await qinhuaiWorker.get(url)).statusCode).toBe(404);
    expect((await attach(qinhuaiWorker, png, q('bank_card', 'x.png'))).statusCode).toBe(404);
    // the street's service centre takes applications in too: it sees and attaches
    expect((await street.get(url)).statusCode).toBe(200);
    expect((await attach(street, png, q('bank_card', '银行卡.png'))).statusCode).toBe(201);
    // 民政 sees it (its step is ahead) but may not attach
    expect((await civil.get(url)).statusCode).toBe(200);
    expect((await attach(civil, png, q('bank_card', 'x.png'))).statusCode).toBe(403);
    // a scan of another application is not reachable under this one's number
    const other = `/api/applications/${crypto.randomUUID()}/files/${file!.id}`;
    expect((await worker.get(other)).statusCode).toBe(404);
  });
});
