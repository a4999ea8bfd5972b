import { departmentTypes, matterLevels, stepKinds } from '@shequ/core';
import { Alert, Flex, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { stepRoles, type StepDraft } from '../../matter-draft';
import { withNewStep } from '../../matter-draft-edits';
import { DesignerField } from './designer-field';
import { ItemList } from './item-list';

const departmentOptions = departmentTypes.map((d) => ({ value: d.code, label: d.name }));

interface StepsSectionProps {
  steps: readonly StepDraft[];
  timeLimitDays: number | null;
  onChange: (steps: StepDraft[]) => void;
}

/** 办理环节: who works each step, at which level and department, and in how many days. */
export function StepsSection({ steps, timeLimitDays, onChange }: StepsSectionProps) {
  const { t } = useTranslation();
  const total = steps.reduce((sum, s) => sum + (s.days ?? 0), 0);
  return (
    <Flex vertical gap={12}>
      <Alert
        type={timeLimitDays !== null && total > timeLimitDays ? 'warning' : 'info'}
        showIcon
        title={t('applications.designer.step.totalDays', { total, limit: timeLimitDays ?? '—' })}
      />
      <ItemList
        listKey="steps"
        items={steps}
        onChange={onChange}
        onAdd={() => onChange(withNewStep(steps))}
        addLabel={t('applications.designer.step.add')}
        titleOf={(s) =>
          [
            s.name.trim() || t('applications.designer.step.untitled'),
            (stepKinds as readonly string[]).includes(s.kind)
              ? t(`applications.stepKind.${s.kind}`)
              : s.kind,
          ].join(' · ')
        }
      >
        {(s, i, patch) => (
          <>
            <DesignerField
              problemKey={`steps.${i}.name`}
              span={12}
              required
              label={t('applications.designer.step.name')}
            >
              <Input
                value={s.name}
                maxLength={100}
                onChange={(e) => patch({ name: e.target.value })}
                data-testid="designer-step-name"
              />
            </DesignerField>
            <DesignerField
              problemKey={`steps.${i}.key`}
              span={12}
              required
              label={t('applications.designer.step.key')}
            >
              <Input
                value={s.key}
                maxLength={64}
                onChange={(e) => patch({ key: e.target.value })}
              />
            </DesignerField>
            <DesignerField
              problemKey={`steps.${i}.kind`}
              span={6}
              label={t('applications.designer.step.kind')}
            >
              <Select
                value={s.kind}
                onChange={(kind) => patch({ kind })}
                options={stepKinds.map((kind) => ({
                  value: kind,
                  label: t(`applications.stepKind.${kind}`),
                }))}
              />
            </DesignerField>
            <DesignerField
              problemKey={`steps.${i}.level`}
              span={8}
              label={t('applications.designer.step.level')}
            >
              <Select
                value={s.level}
                onChange={(level) => patch({ level })}
                options={matterLevels.map((level) => ({
                  value: level,
                  label: t(`level.${level}`),
                }))}
              />
            </DesignerField>
            <DesignerField
              problemKey={`steps.${i}.role`}
              span={10}
              label={t('applications.designer.step.role')}
            >
              <Select
                value={s.role}
                // only a department reviewer's step names a department type
                onChange={(role) =>
                  patch({ role, ...(role === 'department_reviewer' ? {} : { departmentType: '' }) })
                }
                options={stepRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              />
            </DesignerField>
            <DesignerField
              problemKey={`steps.${i}.departmentType`}
              span={s.kind === 'countersign' ? 8 : 16}
              label={t('applications.designer.step.departmentType')}
            >
              <Select
                value={s.departmentType || undefined}
                allowClear
                disabled={s.role !== 'department_reviewer' && !s.departmentType}
                placeholder="—"
                onChange={(departmentType?: string) =>
                  patch({ departmentType: departmentType ?? '' })
                }
                options={departmentOptions}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </DesignerField>
            {s.kind === 'countersign' && (
              <DesignerField
                problemKey={`steps.${i}.countersign`}
                span={8}
                required
                label={t('applications.designer.step.countersign')}
              >
                <Select
                  mode="multiple"
                  value={s.countersign}
                  onChange={(countersign) => patch({ countersign })}
                  options={departmentTypes.map((d) => ({ value: d.code, label: d.shortName }))}
                  showSearch={{ optionFilterProp: 'label' }}
                  maxTagCount="responsive"
                />
              </DesignerField>
            )}
            <DesignerField
              problemKey={`steps.${i}.days`}
              span={8}
              label={t('applications.designer.step.days')}
            >
              <InputNumber
                value={s.days}
                min={0}
                max={365}
                precision={0}
                style={{ width: '100%' }}
                onChange={(days) => patch({ days })}
              />
            </DesignerField>
          </>
        )}
      </ItemList>
    </Flex>
  );
}
