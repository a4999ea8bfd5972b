import type { ExchangeLogEntryView } from '@shequ/core';

/** The first characters of a SHA-256, enough to tell entries apart at a glance. */
export function shortHash(hash: string, length = 12): string {
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/**
 * The clients the log filter offers: those the administrator manages (read with
 * `exchange:manage`), and any client the loaded entries name — an auditor holding only
 * `exchange:log` cannot list clients, so for them the entries are the only source.
 */
export function logClientOptions(
  managed: readonly { id: string; name: string; clientId: string }[],
  entries: readonly Pick<ExchangeLogEntryView, 'clientRef' | 'clientName' | 'clientId'>[],
): { value: string; label: string }[] {
  const options = new Map<string, string>();
  for (const client of managed) options.set(client.id, `${client.name}（${client.clientId}）`);
  for (const entry of entries) {
    if (!entry.clientRef || options.has(entry.clientRef)) continue;
    options.set(
      entry.clientRef,
      entry.clientName
        ? `${entry.clientName}（${entry.clientId ?? entry.clientRef}）`
        : (entry.clientId ?? entry.clientRef),
    );
  }
  return [...options].map(([value, label]) => ({ value, label }));
}
