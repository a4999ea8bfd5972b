import { useMe } from '../auth/components/me-provider';

/**
 * The community or grid the user is working in (the header's current region), or undefined when
 * that is a street or above. People are registered, imported and listed there by default.
 */
export function useCurrentCommunity(): { code: string; name: string } | undefined {
  const region = useMe().currentRegion;
  if (!region || (region.level !== 'community' && region.level !== 'grid')) return undefined;
  return { code: region.code, name: region.name };
}
