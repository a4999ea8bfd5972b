import { describe, expect, it } from 'vitest';
import { maskPhone } from './masking';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
  it('masks a landline with its area code the same way', () => {
    expect(maskPhone('025-84561234')).toBe('025****1234');
  });
  it('masks a number too short to keep any part completely, and passes null through', () => {
    expect(maskPhone('12345')).toBe('****');
    expect(maskPhone(null)).toBeNull();
  });
});
