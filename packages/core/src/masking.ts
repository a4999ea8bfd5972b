/**
 * Masks a phone number for lists and exports: the first three and last four digits stay
 * (`139****5678`); anything too short to keep a part is fully masked.
 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/**
 * Masks a detailed address down to its administrative part: everything after the first street,
 * road or compound word is hidden (`南京市玄武区******`); short addresses keep four characters.
 */
export function maskAddress(address: string | null): string | null {
  if (!address) return null;
  const cut = /^(.*[省市区县])/u.exec(address.slice(0, 12));
  const keep = cut?.[1] && cut[1].length >= 2 ? cut[1] : address.slice(0, 4);
  return `${keep}${'*'.repeat(Math.max(4, Math.min(8, address.length - keep.length)))}`;
}
