import type { ApplicationFileView } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { fileSize, pickedScans, scanProblem, scansOf, scanUrl } from './scans';

describe('scans of materials', () => {
  it('takes JPG, PNG and PDF up to 10 MB, by type or by extension', () => {
    expect(scanProblem({ name: '户口本.jpg', size: 300_000, type: 'image/jpeg' })).toBeUndefined();
    expect(scanProblem({ name: 'scan.PDF', size: 300_000, type: '' })).toBeUndefined();
    expect(
      scanProblem({ name: 'a.png', size: 10 * 1024 * 1024, type: 'image/png' }),
    ).toBeUndefined();
    expect(scanProblem({ name: 'a.png', size: 10 * 1024 * 1024 + 1, type: 'image/png' })).toBe(
      'size',
    );
    expect(scanProblem({ name: 'a.gif', size: 100, type: 'image/gif' })).toBe('format');
    expect(scanProblem({ name: '申请.docx', size: 100, type: '' })).toBe('format');
    expect(scanProblem({ name: 'a.jpg', size: 0, type: 'image/jpeg' })).toBe('empty');
  });

  it('says sizes as a person reads them', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(812 * 1024)).toBe('812 KB');
    expect(fileSize(3.44 * 1024 * 1024)).toBe('3.4 MB');
  });

  it('groups the attached scans by material and lists the picked ones file by file', () => {
    const file = (id: string, materialCode: string): ApplicationFileView => ({
      id,
      materialCode,
      fileName: `${id}.png`,
      contentType: 'image/png',
      sizeBytes: 1,
      sha256: '0'.repeat(64),
      uploadedByName: null,
      createdAt: '2026-11-28T02:00:00.000Z',
    });
    const files = [file('a', 'bank_card'), file('b', 'id_card'), file('c', 'bank_card')];
    expect(scansOf(files, 'bank_card').map((f) => f.id)).toEqual(['a', 'c']);
    expect(scanUrl('app-1', 'a')).toBe('/api/applications/app-1/files/a');

    const one = new File(['x'], 'one.png', { type: 'image/png' });
    const two = new File(['y'], 'two.pdf', { type: 'application/pdf' });
    expect(
      pickedScans({
        bank_card: [{ originFileObj: one }, {}],
        agent_documents: [{ originFileObj: two }],
      }),
    ).toEqual([
      { materialCode: 'bank_card', file: one },
      { materialCode: 'agent_documents', file: two },
    ]);
    expect(pickedScans(undefined)).toEqual([]);
  });
});
