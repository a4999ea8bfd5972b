import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  blindIndexer,
  blindIndexWith,
  FieldCipher,
  loadDataKey,
  loadFieldCipher,
} from './field-cipher';

describe('field cipher', () => {
  it('round-trips a value and never stores it in the clear', () => {
    const cipher = FieldCipher.ephemeral();
    const stored = cipher.encrypt('JBSWY3DPEHPK3PXP');
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain('JBSWY3DPEHPK3PXP');
    expect(cipher.decrypt(stored)).toBe('JBSWY3DPEHPK3PXP');
    expect(cipher.encrypt('JBSWY3DPEHPK3PXP')).not.toBe(stored);
  });

  it('refuses a value that was tampered with or encrypted under another key', () => {
    const cipher = FieldCipher.ephemeral();
    const stored = cipher.encrypt('secret');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => FieldCipher.ephemeral().decrypt(stored)).toThrow();
  });

  it('creates a private key file once and reads the same key back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shequ-key-'));
    try {
      const first = loadDataKey({}, dir);
      expect(statSync(first.source).mode & 0o777).toBe(0o600);
      expect(loadDataKey({}, dir).key.equals(first.key)).toBe(true);
      const fromEnv = loadDataKey({ SHEQU_DATA_KEY: first.key.toString('base64') }, '/nonexistent');
      expect(fromEnv.source).toBe('SHEQU_DATA_KEY');
      expect(() => loadDataKey({ SHEQU_DATA_KEY: 'c2hvcnQ=' }, dir)).toThrow(/32 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rotates keys: new values use the current key id, old ones still decrypt, the blind index stays', () => {
    const v1 = randomBytes(32);
    const v2 = randomBytes(32);
    const before = FieldCipher.fromKeys([{ id: 'v1', key: v1 }]);
    const old = before.encrypt('11010519491231002X');
    const after = loadFieldCipher(
      { SHEQU_DATA_KEYS: `v2:${v2.toString('base64')},v1:${v1.toString('base64')}` },
      '/nonexistent',
    ).cipher;
    expect(after.encrypt('x')).toMatch(/^v2:/);
    expect(after.decrypt(old)).toBe('11010519491231002X');
    expect(after.isStale(old)).toBe(true);
    expect(after.blindIndex('11010519491231002X')).toBe(before.blindIndex('11010519491231002X'));
    expect(after.blindIndex('11010519491231002X')).not.toBe(after.blindIndex('110105194912310029'));
    expect(FieldCipher.ephemeral().blindIndex('a')).not.toBe(before.blindIndex('a'));
  });

  it('computes the same blind index in bulk as one value at a time', () => {
    const cipher = FieldCipher.ephemeral();
    const bulk = cipher.bulkBlindIndex();
    const values = [
      'doc:11010519491231002X',
      'a',
      '汉族',
      '张三，南京市玄武区',
      '',
      'x'.repeat(1023) + '汉', // 1026 bytes: past the reused buffer
      'x'.repeat(1024), // exactly the buffer
      'x'.repeat(1025),
      '汉'.repeat(341) + 'x', // 1024 bytes in UTF-8
      '汉'.repeat(342), // 1026 bytes
      '😀 emoji',
      'lone \ud800 surrogate',
    ];
    for (const value of values) {
      expect(bulk(value), `${value.length} chars`).toBe(cipher.blindIndex(value));
    }
    // the reused buffers hold no trace of a longer previous value
    for (const value of ['long'.repeat(200), 'l', 'long'.repeat(200), '']) {
      expect(bulk(value)).toBe(cipher.blindIndex(value));
    }
    expect(bulk('a')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('computes the same blind index in bulk under any index key up to a block long', () => {
    for (const length of [0, 1, 16, 32, 63, 64]) {
      const key = randomBytes(length);
      const bulk = blindIndexer(key);
      for (let i = 0; i < 50; i += 1) {
        const value = randomBytes(i * 7).toString('base64') + '汉'.repeat(i % 3);
        expect(bulk(value)).toBe(blindIndexWith(key, value));
      }
    }
    expect(() => blindIndexer(randomBytes(65))).toThrow();
  });
});
