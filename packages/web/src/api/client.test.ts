import { describe, expect, it } from 'vitest';
import { fileNameOf } from './client';

describe('fileNameOf', () => {
  it('reads the RFC 5987 name, which carries Chinese', () => {
    expect(
      fileNameOf(
        `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('人员清单.xlsx')}`,
        'x.xlsx',
      ),
    ).toBe('人员清单.xlsx');
  });

  it('falls back to the plain name, then to the given one', () => {
    expect(fileNameOf('attachment; filename="rows.xlsx"', 'x.xlsx')).toBe('rows.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''%E4%ZZ", 'x.xlsx')).toBe('x.xlsx');
  });
});
