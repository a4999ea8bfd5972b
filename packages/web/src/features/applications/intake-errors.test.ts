import { describe, expect, it } from 'vitest';
import { firstStepWithProblems, materialProblems, stepOfErrorPath } from './intake-errors';

describe('stepOfErrorPath', () => {
  it('puts each server path on the step that has its field', () => {
    expect(stepOfErrorPath('form.birthDate')).toBe('form');
    expect(stepOfErrorPath('phone')).toBe('form');
    expect(stepOfErrorPath('materials.bank_card')).toBe('materials');
    expect(stepOfErrorPath('providedMaterials[0]')).toBe('materials');
    expect(stepOfErrorPath('personId')).toBe('applicant');
    expect(stepOfErrorPath('matterCode')).toBe('matter');
  });

  it('keeps the duplicate confirmation, the submission key and the unknown on the last step', () => {
    expect(stepOfErrorPath('confirmDuplicate')).toBe('confirm');
    expect(stepOfErrorPath('submissionKey')).toBe('confirm');
    expect(stepOfErrorPath('')).toBe('confirm');
  });
});

describe('firstStepWithProblems', () => {
  it('goes back to the earliest step with a problem', () => {
    expect(
      firstStepWithProblems([
        { path: 'materials.bank_card', message: '缺少必交材料：银行卡' },
        { path: 'form.bankAccount', message: '“银行账号”不能为空' },
      ]),
    ).toBe('form');
    expect(firstStepWithProblems([{ path: 'confirmDuplicate', message: '已有在办申请' }])).toBe(
      'confirm',
    );
    expect(firstStepWithProblems([])).toBeUndefined();
  });
});

describe('materialProblems', () => {
  it('collects the messages of each material by its code', () => {
    expect(
      materialProblems([
        { path: 'materials.bank_card', message: '缺少必交材料：银行卡' },
        { path: 'form.phone', message: '格式不正确' },
        { path: 'materials.bank_card', message: '另一条' },
      ]),
    ).toEqual({ bank_card: ['缺少必交材料：银行卡', '另一条'] });
  });
});
