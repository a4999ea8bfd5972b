#!/usr/bin/env node
// `npm start`: builds the web client when its sources are newer than the build, then serves the
// platform on the embedded database (or DATABASE_URL) with the demo data loaded once.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'packages/web');
const builtIndex = path.join(web, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [
  path.join(web, 'src'),
  path.join(web, 'index.html'),
  path.join(root, 'packages/core/src'),
];
const stale =
  !existsSync(builtIndex) ||
  Math.max(
    ...sources.map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
  ) > statSync(builtIndex).mtimeMs;

if (stale) {
  console.log('正在构建前端（首次启动或源码有更新）…');
  const build = spawnSync('npm', ['run', 'build', '-w', '@shequ/web'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const serve = spawnSync(
  process.execPath,
  [path.join(root, 'packages/server/bin/shequ.mjs'), 'serve', '--demo', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(serve.status ?? 1);
