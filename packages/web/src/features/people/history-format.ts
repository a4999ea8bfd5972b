/** Change sources the server records, in the words of the timeline. */
const changeSources = [
  'form',
  'import',
  'merge',
  'api',
  'seed',
  'cli',
  'test',
  'verification',
  'ruling',
  'comparison',
] as const;
export type ChangeSource = (typeof changeSources)[number];

export function knownSource(source: string): ChangeSource | undefined {
  return changeSources.find((s) => s === source);
}

/** No value at all: null, blank text or an empty list. */
export function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * A recorded value as text: lists joined with 、, yes/no for flags, JSON for anything else
 * structured; `empty` for no value.
 */
export function historyValue(
  value: unknown,
  words: { empty: string; yes: string; no: string },
): string {
  if (isEmpty(value)) return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.map((v) => historyValue(v, words)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
