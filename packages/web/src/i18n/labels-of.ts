/** `{ code: name }` from a core list of coded names, keyed by the codes' own type. */
export function labelsOf<C extends string>(
  items: readonly { code: C; name: string }[],
): Record<C, string> {
  return Object.fromEntries(items.map((item) => [item.code, item.name])) as Record<C, string>;
}
