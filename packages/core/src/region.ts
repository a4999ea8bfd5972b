import { z } from 'zod';

/** Levels of the region tree, from the province down to a grid inside a community. */
export const regionLevels = ['province', 'city', 'county', 'street', 'community', 'grid'] as const;
export type RegionLevel = (typeof regionLevels)[number];

/** Code length of each level: 2/4/6/9/12 digits (GB/T 2260 and 统计用区划代码); a grid adds 3. */
export const codeLengthOfLevel: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  street: 9,
  community: 12,
  grid: 15,
};

export const regionLevelLabels: Record<RegionLevel, string> = {
  province: '省',
  city: '设区市',
  county: '县（市、区）',
  street: '街道（乡镇）',
  community: '社区（村）',
  grid: '网格',
};

/** A region code: 2, 4, 6, 9, 12 or 15 digits. */
export const RegionCode = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/, '区划代码应为 2、4、6、9、12 或 15 位数字');
export type RegionCode = z.infer<typeof RegionCode>;

/** The level a code of this length denotes, or undefined for an impossible length. */
export function levelOfCode(code: string): RegionLevel | undefined {
  return regionLevels.find((level) => codeLengthOfLevel[level] === code.length);
}

/** The parent's code (one level up), or undefined for a province. */
export function parentCodeOf(code: string): string | undefined {
  const level = levelOfCode(code);
  if (level === undefined || level === 'province') return undefined;
  const index = regionLevels.indexOf(level);
  const parentLevel = regionLevels[index - 1];
  return parentLevel === undefined ? undefined : code.slice(0, codeLengthOfLevel[parentLevel]);
}

/** Every ancestor's code from the province down, excluding the code itself. */
export function ancestorCodesOf(code: string): string[] {
  const out: string[] = [];
  for (let parent = parentCodeOf(code); parent !== undefined; parent = parentCodeOf(parent)) {
    out.unshift(parent);
  }
  return out;
}

/** True when `code` lies in the subtree rooted at `scope` (a code prefix), itself included. */
export function isWithin(code: string, scope: string): boolean {
  return code.startsWith(scope);
}

/** True when `code` is within any of the scopes. */
export function isWithinAny(code: string, scopes: readonly string[]): boolean {
  return scopes.some((scope) => isWithin(code, scope));
}

/**
 * The smallest set of scopes covering the given ones: a scope inside another one is dropped.
 * `['3201', '320102', '3202']` → `['3201', '3202']`.
 */
export function normalizeScopes(scopes: readonly string[]): string[] {
  const sorted = [...new Set(scopes)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const out: string[] = [];
  for (const scope of sorted) {
    if (!out.some((kept) => isWithin(scope, kept))) out.push(scope);
  }
  return out;
}

/** The code of a new grid: the community code plus a three-digit sequence (001–999). */
export function gridCode(communityCode: string, sequence: number): string {
  if (levelOfCode(communityCode) !== 'community') {
    throw new RangeError(`not a community code: ${communityCode}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999) {
    throw new RangeError(`grid sequence out of range: ${sequence}`);
  }
  return communityCode + String(sequence).padStart(3, '0');
}

/**
 * The calendar date (YYYY-MM-DD) of an instant in China (UTC+8, no daylight saving): what “today”
 * means for effective dates and file names, whatever the server's time zone.
 */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Kinds of recorded change to the region tree; none of them overwrites history. */
export const regionChangeKinds = ['create', 'rename', 'merge', 'split', 'abolish'] as const;
export type RegionChangeKind = (typeof regionChangeKinds)[number];

export const regionChangeKindLabels: Record<RegionChangeKind, string> = {
  create: '新设',
  rename: '更名',
  merge: '合并',
  split: '拆分',
  abolish: '撤销',
};

/**
 * The platform's title line for a region: “——南京市玄武区玄武门街道社区综合管理和服务信息平台”.
 * Built from the city, county and street names among the region and its ancestors.
 */
export function platformTitleLine(chain: readonly { level: RegionLevel; name: string }[]): string {
  const wanted: RegionLevel[] = ['city', 'county', 'street'];
  const parts = chain
    .filter((r) => wanted.includes(r.level))
    .map((r) => (r.level === 'city' && r.name === '市辖区' ? '' : r.name));
  const place = parts.join('') || (chain[0]?.name ?? '');
  return `——${place}社区综合管理和服务信息平台`;
}
