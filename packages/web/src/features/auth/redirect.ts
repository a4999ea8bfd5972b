/**
 * Where to go after signing in: only a path inside this app, so a crafted link cannot send the
 * user to another site (`//evil.example`, `https://…`).
 */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return '/';
  }
  if (target.startsWith('/login')) return '/';
  return target;
}
