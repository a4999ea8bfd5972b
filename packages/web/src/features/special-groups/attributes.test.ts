import { describe, expect, it } from 'vitest';
import { departmentTypeName, describeAttributes } from './attributes';

describe('describeAttributes', () => {
  it('shows code fields by name, in the register field order', () => {
    expect(
      describeAttributes('disabled', { grade: '2', certificateNumber: 'C-1', category: '4' }),
    ).toEqual([
      { key: 'certificateNumber', label: '残疾证号', value: 'C-1' },
      { key: 'category', label: '残疾类别', value: '肢体残疾' },
      { key: 'grade', label: '残疾等级', value: '二级' },
    ]);
  });

  it('keeps facts the register does not define, under their keys', () => {
    expect(describeAttributes('drug_user', { legacy: 'x' })).toEqual([
      { key: 'legacy', label: 'legacy', value: 'x' },
    ]);
  });

  it('reads the registers’ own code tables too', () => {
    expect(describeAttributes('unemployed', { employmentForm: 'B' })[0]?.value).toBe('B类');
  });
});

describe('departmentTypeName', () => {
  it('names the verifying department by its short name', () => {
    expect(departmentTypeName('disabled_federation')).toBe('残联');
    expect(departmentTypeName('unknown')).toBe('unknown');
  });
});
