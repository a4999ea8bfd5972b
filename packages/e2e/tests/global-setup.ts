import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test listens, e.g. http://127.0.0.1:41234 */
    baseURL: string;
    /** The file the server writes its text messages to (one JSON line each), or '' when reused. */
    smsFile: string;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const cli = path.join(root, 'packages/server/bin/shequ.mjs');
const webDist = path.join(root, 'packages/web/dist');
const webIndex = path.join(webDist, 'index.html');
const screenshotDir = path.resolve(here, '../screenshots');

/** The first start loads the whole Jiangsu tree (~15 s here); leave room for a slow machine. */
const STARTUP_TIMEOUT_MS = 150_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(
  baseURL: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = (await response.json()) as { status?: string };
      if (response.ok && body.status === 'ok') return;
      last = `HTTP ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `the server was not healthy within ${STARTUP_TIMEOUT_MS / 1000} s (last: ${last}):\n${output()}`,
  );
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The newest modification time of any file under a directory (0 when there is none). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Waits until packages/web/dist holds a complete build: index.html present, every file it names
 * present, nothing written in the last two seconds. A build started elsewhere at the same time
 * (vite empties dist first) is waited out instead of being served half-written.
 */
async function waitForCompleteBuild(timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let problem = '';
  while (Date.now() < deadline) {
    try {
      const html = readFileSync(webIndex, 'utf8');
      const named = [...html.matchAll(/(?:src|href)="\/([^"?#]+)"/g)].map((m) => m[1]!);
      const missing = named.filter((file) => !existsSync(path.join(webDist, file)));
      if (missing.length > 0) problem = `index.html names missing files: ${missing.join(', ')}`;
      else if (Date.now() - newestMtime(webDist) < 2_000) problem = 'a build is still writing';
      else return;
    } catch {
      problem = `${path.relative(root, webIndex)} is missing`;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `${problem} — run \`npm run e2e\` from the repository root (it builds the web client first); ` +
      'if it did, another build was running in packages/web at the same time',
  );
}

/**
 * Starts the real server (`shequ serve --demo`) on a free loopback port with a throw-away embedded
 * database, waits until /api/health is ok, and hands its address to the tests; stops it afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(screenshotDir, { recursive: true });
  // While writing tests: E2E_BASE_URL=http://127.0.0.1:3000 reuses a server that is already running.
  const reuse = process.env.E2E_BASE_URL;
  if (reuse) {
    project.provide('baseURL', reuse.replace(/\/$/, ''));
    project.provide('smsFile', process.env.SHEQU_SMS?.replace(/^file:/, '') ?? '');
    return async () => {};
  }
  await waitForCompleteBuild();
  const tempDir = mkdtempSync(path.join(tmpdir(), 'shequ-e2e-'));
  const dataDir = path.join(tempDir, 'data');
  // The server serves a snapshot of the build taken now: a rebuild of packages/web/dist during the
  // run (another terminal, `npm start`) would otherwise swap the hashed chunks under the browser.
  const webSnapshot = path.join(tempDir, 'web');
  cpSync(webDist, webSnapshot, { recursive: true, filter: (src) => !src.endsWith('.map') });
  const smsFile = path.join(tempDir, 'sms.jsonl');
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  // A fresh embedded database every run: DATABASE_URL from the caller's shell is not inherited.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST: webSnapshot,
    LOG_LEVEL: 'warn',
    // texts (SMS codes of online applications) go to a file the tests read
    SHEQU_SMS: `file:${smsFile}`,
  };
  delete env.DATABASE_URL;

  const started = Date.now();
  const child = spawn(process.execPath, [cli, 'serve', '--demo'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const cleanup = async () => {
    await stop(child);
    rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, child, () => log);
  } catch (error) {
    await cleanup();
    throw error;
  }
  console.log(
    `[e2e] server ready at ${baseURL} after ${((Date.now() - started) / 1000).toFixed(1)} s (DATA_DIR ${dataDir}, web build ${path.relative(root, webDist)} copied to ${webSnapshot})`,
  );
  project.provide('baseURL', baseURL);
  project.provide('smsFile', smsFile);

  return async () => {
    await cleanup();
    if (process.env.E2E_SHOW_SERVER_LOG) console.log(log);
  };
}
