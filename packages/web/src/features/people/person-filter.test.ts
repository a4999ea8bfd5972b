import { describe, expect, it } from 'vitest';
import { readPersonFilter } from './person-filter';

describe('readPersonFilter', () => {
  it('reads the filters the server knows', () => {
    const params = new URLSearchParams(
      'q=张&ageMin=60&ageMax=79&residenceType=migrant&lifeStatus=active&sort=birthDate&order=desc&regionCode=320102005001001',
    );
    expect(readPersonFilter(params, '320102005001')).toEqual({
      q: '张',
      householdNumber: undefined,
      address: undefined,
      regionCode: '320102005001001',
      group: undefined,
      tag: undefined,
      ageMin: 60,
      ageMax: 79,
      residenceType: 'migrant',
      lifeStatus: 'active',
      sort: 'birthDate',
      order: 'desc',
    });
  });

  it('drops values the server would refuse instead of failing the whole search', () => {
    const params = new URLSearchParams(
      'ageMin=-1&ageMax=abc&residenceType=tourist&lifeStatus=gone&sort=idNumber&order=up&regionCode=32xx',
    );
    const filter = readPersonFilter(params, undefined);
    expect(filter.ageMin).toBeUndefined();
    expect(filter.ageMax).toBeUndefined();
    expect(filter.residenceType).toBeUndefined();
    expect(filter.lifeStatus).toBeUndefined();
    expect(filter.sort).toBeUndefined();
    expect(filter.order).toBeUndefined();
    expect(filter.regionCode).toBeUndefined();
  });

  it('follows the current community when the address names no region', () => {
    expect(readPersonFilter(new URLSearchParams(''), '320102005001').regionCode).toBe(
      '320102005001',
    );
  });

  it('ignores blank text', () => {
    expect(readPersonFilter(new URLSearchParams('q=%20%20&tag='), undefined).q).toBeUndefined();
  });
});
