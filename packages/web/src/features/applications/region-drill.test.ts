import { describe, expect, it } from 'vitest';
import { canDrillInto, drillBack, drillInto, drilledRegionCode } from './region-drill';

const xuanwu = { code: '320102', name: '玄武区' };
const street = { code: '320102005', name: '玄武门街道' };
const community = { code: '320102005001', name: '百子亭社区' };

describe('region drill-down', () => {
  it('starts at the user’s own scope', () => {
    expect(drilledRegionCode([])).toBeUndefined();
  });

  it('goes down one row at a time and looks at the last region', () => {
    const path = drillInto(drillInto([], xuanwu), street);
    expect(path.map((r) => r.name)).toEqual(['玄武区', '玄武门街道']);
    expect(drilledRegionCode(path)).toBe('320102005');
  });

  it('does not drill into a community, which has no sub-regions', () => {
    expect(canDrillInto(community.code)).toBe(false);
    expect(drillInto([xuanwu, street], community)).toEqual([xuanwu, street]);
  });

  it('does not add the region it already looks at twice', () => {
    expect(drillInto([xuanwu], xuanwu)).toEqual([xuanwu]);
  });

  it('goes back to a breadcrumb step, or to the top', () => {
    const path = [xuanwu, street];
    expect(drillBack(path, 0)).toEqual([xuanwu]);
    expect(drillBack(path, -1)).toEqual([]);
    expect(drillBack(path, 1)).toEqual(path);
  });
});
