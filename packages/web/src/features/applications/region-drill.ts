/** A region drilled into on the board or the statistics (code and name, from the row clicked). */
export interface DrilledRegion {
  code: string;
  name: string;
}

/** A community (社区/村, 12 digits) has no sub-regions: its row cannot be drilled into. */
export const canDrillInto = (regionCode: string): boolean => regionCode.length < 12;

/** The path after drilling into a row: the row is added, unless it is already the last step. */
export function drillInto(path: readonly DrilledRegion[], region: DrilledRegion): DrilledRegion[] {
  if (!canDrillInto(region.code) || path.at(-1)?.code === region.code) return [...path];
  return [...path, region];
}

/** The path after a breadcrumb click: up to and including step `index`; -1 is the top. */
export function drillBack(path: readonly DrilledRegion[], index: number): DrilledRegion[] {
  return path.slice(0, Math.max(0, index + 1));
}

/** The region a path looks at: the last step, or undefined for the user's own scope. */
export const drilledRegionCode = (path: readonly DrilledRegion[]): string | undefined =>
  path.at(-1)?.code;
