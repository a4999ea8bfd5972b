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
  const keys = (m: ServiceMatter) => m.steps.map((step) => step.key);
  if (sameKeys(before.steps, after.steps) && keys(before).join('/') !== keys(after).join('/')) {
    lines.push('办理环节：调整了顺序');
  }
  return lines;
}

function departmentName(code: string): string {
  return departmentTypes.find((d) => d.code === code)?.name ?? code;
}

function stepName(step: ServiceMatter['steps'][number]): string {
  return `${step.name}（${stepKindLabels[step.kind]}）`;
}

function sameKeys(a: readonly { key: string }[], b: readonly { key: string }[]): boolean {
  const keys = new Set(a.map((x) => x.key));
  return a.length === b.length && b.every((x) => keys.has(x.key));
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
