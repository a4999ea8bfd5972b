import { brandRed } from './theme';

/** The platform's mark: a house on the emblem red, drawn inline so it needs no request. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill={brandRed} />
      <path d="M16 6 5 15h3v11h6v-7h4v7h6V15h3z" fill="#fff" />
    </svg>
  );
}
