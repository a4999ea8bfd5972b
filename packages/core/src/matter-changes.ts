import { departmentTypes } from './department';
import {
  matterCategoryLabels,
  matterLevelLabels,
  stepKindLabels,
  type ServiceMatter,
} from './service-matters';

/**
 * What changed between two versions of a matter, as lines an administrator reads in the version
 * history (“承诺时限：15 → 18 个工作日”, “申请表：新增“试点说明””). Compares what residents and
 * staff meet; the order of lines follows the designer's tabs.
 */
export function matterChanges(before: ServiceMatter, after: ServiceMatter): string[] {
  const lines: string[] = [];
  const scalar = (label: string, a: string | number, b: string | number, unit = '') => {
    if (a !== b) lines.push(`${label}：${a}${unit} → ${b}${unit}`);
  };
  scalar('名称', before.name, after.name);
  scalar('类别', matterCategoryLabels[before.category], matterCategoryLabels[after.category]);
  scalar('负责部门', departmentName(before.departmentType), departmentName(after.departmentType));
  scalar('受理层级', matterLevelLabels[before.acceptLevel], matterLevelLabels[after.acceptLevel]);
  scalar('审批层级', matterLevelLabels[before.decideLevel], matterLevelLabels[after.decideLevel]);
  scalar('承诺时限', before.timeLimitDays, after.timeLimitDays, ' 个工作日');
  scalar('收费', before.fee, after.fee);
  if (before.online !== after.online)
    lines.push(after.online ? '改为可网上申请' : '改为仅窗口办理');
  scalar('办理结果', before.result.title, after.result.title);
  scalar('结果类型', resultKindLabels[before.result.kind], resultKindLabels[after.result.kind]);
  if (JSON.stringify(before.result.register) !== JSON.stringify(after.result.register)) {
    lines.push('办理结果：准予后登记的名册有调整');
  }
  lines.push(...listChanges('申请条件', before.conditions, after.conditions));
  lines.push(...listChanges('设定依据', before.legalBasis, after.legalBasis));
  lines.push(
    ...keyedChanges(
      '申请材料',
      before.materials.map((m) => ({ key: m.code, name: m.name, value: m })),
      after.materials.map((m) => ({ key: m.code, name: m.name, value: m })),
    ),
    ...keyedChanges(
      '申请表',
      before.form.map((f) => ({ key: f.key, name: f.label, value: f })),
      after.form.map((f) => ({ key: f.key, name: f.label, value: f })),
    ),
    ...keyedChanges(
      '办理环节',
      before.steps.map((s) => ({ key: s.key, name: stepName(s), value: s })),
      after.steps.map((s) => ({ key: s.key, name: stepName(s), value: s })),
    ),
  );
  const reordered = (label: string, a: readonly string[], b: readonly string[]) => {
    if (a.length === b.length && a.join('\u0000') !== b.join('\u0000') && sameSet(a, b)) {
      lines.push(`${label}：调整了顺序`);
    }
  };
  reordered('申请条件', before.conditions, after.conditions);
  reordered('设定依据', before.legalBasis, after.legalBasis);
  reordered(
    '申请材料',
    before.materials.map((m) => m.code),
    after.materials.map((m) => m.code),
  );
  reordered(
    '申请表',
    before.form.map((f) => f.key),
    after.form.map((f) => f.key),
  );
  reordered(
    '办理环节',
    before.steps.map((st) => st.key),
    after.steps.map((st) => st.key),
  );
  // whatever else differs (a key the lines above do not name) is still said
  if (lines.length === 0 && JSON.stringify(sorted(before)) !== JSON.stringify(sorted(after))) {
    lines.push('其他内容有调整');
  }
  return lines;
}

function departmentName(code: string): string {
  return departmentTypes.find((d) => d.code === code)?.name ?? code;
}

function stepName(step: ServiceMatter['steps'][number]): string {
  return `${step.name}（${stepKindLabels[step.kind]}）`;
}

const resultKindLabels: Record<ServiceMatter['result']['kind'], string> = {
  decision: '决定书',
  certificate: '证明',
  acceptance: '受理回执',
};

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return b.every((x) => set.has(x)) && new Set(b).size === set.size;
}

/** A JSON value with its object keys in order, so stored and submitted copies compare equal. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
  );
}

/** Lines of free text: how many were added and removed (an edited line is both). */
function listChanges(label: string, before: readonly string[], after: readonly string[]): string[] {
  const was = new Set(before);
  const is = new Set(after);
  const added = after.filter((l) => !was.has(l)).length;
  const removed = before.filter((l) => !is.has(l)).length;
  if (added === 0 && removed === 0) return [];
  const parts = [added > 0 ? `新增 ${added} 条` : '', removed > 0 ? `删除 ${removed} 条` : ''];
  return [`${label}：${parts.filter(Boolean).join('，')}`];
}

/** Items with a stable key: which were added, removed or changed, by name. */
function keyedChanges(
  label: string,
  before: readonly { key: string; name: string; value: unknown }[],
  after: readonly { key: string; name: string; value: unknown }[],
): string[] {
  const old = new Map(before.map((i) => [i.key, i]));
  const now = new Map(after.map((i) => [i.key, i]));
  const quote = (items: { name: string }[]) => items.map((i) => `“${i.name}”`).join('、');
  const added = after.filter((i) => !old.has(i.key));
  const removed = before.filter((i) => !now.has(i.key));
  const changed = after.filter((i) => {
    const was = old.get(i.key);
    return was !== undefined && JSON.stringify(was.value) !== JSON.stringify(i.value);
  });
  return [
    ...(added.length > 0 ? [`${label}：新增${quote(added)}`] : []),
    ...(removed.length > 0 ? [`${label}：删除${quote(removed)}`] : []),
    ...(changed.length > 0 ? [`${label}：修改${quote(changed)}`] : []),
  ];
}
