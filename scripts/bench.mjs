#!/usr/bin/env node
// `npm run bench -- <name> [args…]`: runs bench/<name>.ts through tsx with the remaining args.
// Results are recorded in docs/BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');

const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();

const usage = `usage: npm run bench -- <name> [args…]\navailable benchmarks: ${available.join(', ') || '(none)'}`;
const [name, ...rest] = process.argv.slice(2);

if (!name || name === '--help' || name === '-h') {
  console.log(usage);
  process.exit(name ? 0 : 1);
}
if (!available.includes(name)) {
  console.error(`unknown benchmark "${name}"\n${usage}`);
  process.exit(2);
}

const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', path.join(benchDir, `${name}.ts`), ...rest],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (run.error) {
  console.error(`could not start the benchmark: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? (run.signal ? 1 : 0));
