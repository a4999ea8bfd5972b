import { describe, expect, it } from 'vitest';
import { logClientOptions, shortHash } from './exchange-log';

describe('shortHash', () => {
  it('cuts a SHA-256 to its first characters', () => {
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(shortHash('abc')).toBe('abc');
  });
});

describe('logClientOptions', () => {
  it('offers the managed clients, then clients only the log entries name, once each', () => {
    const options = logClientOptions(
      [{ id: 'c1', name: '低保系统', clientId: 'sqc_1' }],
      [
        { clientRef: 'c1', clientName: '低保系统', clientId: 'sqc_1' },
        { clientRef: 'c2', clientName: '残联系统', clientId: 'sqc_2' },
        { clientRef: 'c2', clientName: '残联系统', clientId: 'sqc_2' },
        { clientRef: null, clientName: null, clientId: null },
      ],
    );
    expect(options).toEqual([
      { value: 'c1', label: '低保系统（sqc_1）' },
      { value: 'c2', label: '残联系统（sqc_2）' },
    ]);
  });
});
