/** Outcome of an audited action. */
export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** The fields of an audit entry that its hash covers, in the form they are stored. */
export interface AuditEntryContent {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string;
  role: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  regionCode: string | null;
  purpose: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  clientIp: string | null;
  detail: unknown;
  prevHash: string;
}

/** The hash that precedes the first entry of a chain. */
export const auditGenesisHash = '0'.repeat(64);

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace. The same value always gives
 * the same text, whatever order a database returns the keys of a JSON column in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The text an audit entry's hash is computed over. */
export function auditHashInput(entry: AuditEntryContent): string {
  return canonicalJson(entry);
}

/** Verification result of a chain walk: ok, or the first entry whose hash or link is wrong. */
export type AuditChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenSeq: number; reason: 'hash' | 'link' };
