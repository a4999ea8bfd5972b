import type { PersonFilter, PersonSortField, SortOrder } from './api';
import { isLifeStatus, isResidenceType } from './labels';

const sortFields: readonly PersonSortField[] = ['name', 'birthDate', 'updatedAt', 'regionCode'];

function age(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 150 ? n : undefined;
}

const text = (value: string | null) => value?.trim() || undefined;

/**
 * The people list's filter from the address, dropping values the server would refuse. Without a
 * region in the address the list follows `defaultRegion` (the user's current community or grid).
 */
export function readPersonFilter(
  params: URLSearchParams,
  defaultRegion: string | undefined,
): PersonFilter {
  const regionCode = params.get('regionCode');
  const residenceType = params.get('residenceType');
  const lifeStatus = params.get('lifeStatus');
  return {
    q: text(params.get('q')),
    householdNumber: text(params.get('householdNumber')),
    address: text(params.get('address')),
    regionCode: regionCode && /^\d{2,15}$/.test(regionCode) ? regionCode : defaultRegion,
    group: text(params.get('group')),
    tag: text(params.get('tag')),
    ageMin: age(params.get('ageMin')),
    ageMax: age(params.get('ageMax')),
    residenceType: isResidenceType(residenceType) ? residenceType : undefined,
    lifeStatus: isLifeStatus(lifeStatus) ? lifeStatus : undefined,
    sort: sortFields.find((field) => field === params.get('sort')),
    order: (['asc', 'desc'] as const).find((o): o is SortOrder => o === params.get('order')),
  };
}
