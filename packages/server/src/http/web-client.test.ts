import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createServices } from '../services';
import { createTestDb, type TestDb } from '../test/harness';

describe('serving the built web client', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'shequ-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>网上社区</title>');
    writeFileSync(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)');
    db = await createTestDb();
    app = await buildApp({
      services: createServices(db.db, db.engine),
      logLevel: 'silent',
      webDist: dist,
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers client-side routes with the app page, to be revalidated', async () => {
    const response = await app.inject({ method: 'GET', url: '/regions/320102?tab=children' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('网上社区');
  });

  it('serves hashed bundles as immutable, including ones written after start', async () => {
    writeFileSync(path.join(dist, 'assets', 'app-2.js'), 'console.log(2)');
    const response = await app.inject({ method: 'GET', url: '/assets/app-2.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log(2)');
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers a missing file with 404, never with the app page', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/gone-0.js' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers an unknown API path with a problem, not the app page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
