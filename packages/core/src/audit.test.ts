import { describe, expect, it } from 'vitest';
import { auditGenesisHash, auditHashInput, canonicalJson, type AuditEntryContent } from './audit';

describe('canonicalJson', () => {
  it('gives the same text whatever order the keys come in, at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: true, p: null }], x: '甲' } };
    const b = { a: { x: '甲', y: [1, { p: null, q: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"甲","y":[1,{"p":null,"q":true}]},"b":1}');
  });

  it('keeps array order, which carries meaning', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('drops undefined members and writes undefined itself as null', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('distinguishes values that differ only in type', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});

describe('auditHashInput', () => {
  const entry: AuditEntryContent = {
    seq: 1,
    occurredAt: '2026-01-01T00:00:00.000Z',
    actorId: null,
    actorName: 'anonymous',
    role: null,
    action: 'auth.login',
    targetType: null,
    targetId: null,
    regionCode: null,
    purpose: null,
    outcome: 'failure',
    requestId: 'r1',
    clientIp: '127.0.0.1',
    detail: { reason: 'unknown_account', z: 1 },
    prevHash: auditGenesisHash,
  };

  it('covers every field, so changing any one changes the input', () => {
    const base = auditHashInput(entry);
    for (const key of Object.keys(entry) as (keyof AuditEntryContent)[]) {
      const changed = { ...entry, [key]: key === 'seq' ? 2 : `${String(entry[key])}x` };
      expect(auditHashInput(changed as AuditEntryContent), key).not.toBe(base);
    }
  });

  it('does not depend on the key order of the detail a database returns', () => {
    expect(auditHashInput({ ...entry, detail: { z: 1, reason: 'unknown_account' } })).toBe(
      auditHashInput(entry),
    );
  });

  it('starts a chain from 64 zeros', () => {
    expect(auditGenesisHash).toMatch(/^0{64}$/);
  });
});
