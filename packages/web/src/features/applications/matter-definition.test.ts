import type { Me } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { managesMatterCatalog } from './matter-definition';

const me = (
  grants: { role: Me['grants'][number]['role']; regionCode: string }[],
  at: string,
): Me => ({
  id: 'u',
  username: 'u',
  displayName: '测试',
  grants: grants.map((g, i) => ({
    id: String(i),
    regionName: g.regionCode,
    departmentId: null,
    departmentName: null,
    ...g,
  })),
  activeGrantId: '0',
  currentRegion: { code: at, name: at, level: 'city' },
  titleLine: '',
  permissions: [],
  secondFactorEnabled: true,
  mustChangePassword: false,
});

describe('who manages the matter catalog', () => {
  it('is the informatization administrator over the whole city being worked in', () => {
    expect(
      managesMatterCatalog(me([{ role: 'informatization_admin', regionCode: '3201' }], '3201')),
    ).toBe(true);
    expect(
      managesMatterCatalog(me([{ role: 'informatization_admin', regionCode: '3201' }], '320102')),
    ).toBe(true);
    expect(
      managesMatterCatalog(me([{ role: 'informatization_admin', regionCode: '32' }], '3205')),
    ).toBe(true);
  });

  it('is not a county administrator, another city’s, or a role without the permission', () => {
    expect(
      managesMatterCatalog(me([{ role: 'informatization_admin', regionCode: '320104' }], '320104')),
    ).toBe(false);
    expect(
      managesMatterCatalog(me([{ role: 'informatization_admin', regionCode: '3202' }], '3201')),
    ).toBe(false);
    expect(managesMatterCatalog(me([{ role: 'street_staff', regionCode: '3201' }], '3201'))).toBe(
      false,
    );
  });
});
