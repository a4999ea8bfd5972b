/**
 * Masks a phone number for lists and exports: the first three and last four digits stay
 * (`139****5678`); anything too short to keep a part is fully masked.
 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
