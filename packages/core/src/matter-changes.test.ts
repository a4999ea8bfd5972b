import { describe, expect, it } from 'vitest';
import { matterChanges } from './matter-changes';
import { findServiceMatter } from './service-matter-catalog';
import type { ServiceMatter } from './service-matters';

const base = findServiceMatter('elderly_allowance_claim')!;
const copy = (m: ServiceMatter) => JSON.parse(JSON.stringify(m)) as ServiceMatter;
const edit = (change: (m: ServiceMatter) => ServiceMatter) => change(copy(base));

describe('what changed between two versions of a matter', () => {
  it('says nothing when nothing changed', () => {
    expect(matterChanges(base, copy(base))).toEqual([]);
  });

  it('names the changed basics with their old and new values', () => {
    const after = edit((m) => ({
      ...m,
      name: '高龄津贴申领（试点）',
      timeLimitDays: 18,
      online: false,
      acceptLevel: 'street',
    }));
    expect(matterChanges(base, after)).toEqual([
      '名称：高龄津贴申领 → 高龄津贴申领（试点）',
      '受理层级：社区（村） → 街道（乡镇）',
      '承诺时限：15 个工作日 → 18 个工作日',
      '改为仅窗口办理',
    ]);
  });

  it('counts added and removed lines of conditions', () => {
    const after = edit((m) => ({
      ...m,
      conditions: [...m.conditions.slice(1), '本市户籍满一年'],
    }));
    expect(matterChanges(base, after)).toEqual(['申请条件：新增 1 条，删除 1 条']);
  });

  it('names the materials, fields and steps added, removed or changed', () => {
    const after = edit((m) => ({
      ...m,
      materials: m.materials
        .filter((x) => x.code !== 'agent_documents')
        .map((x) => (x.code === 'bank_card' ? { ...x, required: false } : x)),
      form: [...m.form, { key: 'pilotNote', label: '试点说明', type: 'textarea', required: false }],
      steps: m.steps.map((s) => (s.key === 'street_review' ? { ...s, days: s.days + 1 } : s)),
    }));
    const lines = matterChanges(base, after);
    expect(lines).toContain('申请材料：删除“代理人居民身份证及委托书”');
    expect(lines.some((l) => l.startsWith('申请材料：修改“申请人本人银行卡'))).toBe(true);
    expect(lines).toContain('申请表：新增“试点说明”');
    expect(lines).toContain('办理环节：修改“街道审核（审核）”');
  });

  it('notices steps, fields, materials and lines put in another order', () => {
    const after = edit((m) => ({
      ...m,
      steps: [m.steps[0]!, m.steps[2]!, m.steps[1]!],
      form: [...m.form].reverse(),
      conditions: [...m.conditions].reverse(),
    }));
    expect(matterChanges(base, after)).toEqual([
      '申请条件：调整了顺序',
      '申请表：调整了顺序',
      '办理环节：调整了顺序',
    ]);
  });

  it('says a change of the result, and anything else, never nothing', () => {
    const kind = edit((m) => ({ ...m, result: { ...m.result, kind: 'certificate' } }));
    expect(matterChanges(base, kind)).toEqual(['结果类型：决定书 → 证明']);
    const register = edit((m) => ({ ...m, result: { ...m.result, register: undefined } }));
    expect(matterChanges(base, register)).toEqual(['办理结果：准予后登记的名册有调整']);
    // a key no line names
    const other = edit((m) => ({ ...m, extra: 1 }) as ServiceMatter);
    expect(matterChanges(base, other)).toEqual(['其他内容有调整']);
  });
});
