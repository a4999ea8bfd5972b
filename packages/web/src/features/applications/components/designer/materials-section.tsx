import { defaultDataElements, type MatterSummary } from '@shequ/core';
import { Checkbox, Input, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { satisfiedKinds, type MaterialDraft } from '../../matter-draft';
import { newMaterial } from '../../matter-draft-edits';
import { DesignerField } from './designer-field';
import { ItemList } from './item-list';

const elementOptions = defaultDataElements.map((e) => ({
  value: e.code,
  label: `${e.name}（${e.code}）`,
}));

interface MaterialsSectionProps {
  materials: readonly MaterialDraft[];
  onChange: (materials: MaterialDraft[]) => void;
  /** The city's matters: a certificate one may stand in for a material. */
  matters: readonly MatterSummary[];
}

/** 申请材料: name, code, required, form, what waives it (免提交依据), a note. */
export function MaterialsSection({ materials, onChange, matters }: MaterialsSectionProps) {
  const { t } = useTranslation();
  const certificateOptions = matters.map((m) => ({ value: m.code, label: m.name }));
  return (
    <ItemList
      listKey="materials"
      items={materials}
      onChange={onChange}
      onAdd={() => onChange([...materials, newMaterial(materials)])}
      addLabel={t('applications.designer.material.add')}
      titleOf={(m) => m.name.trim() || t('applications.designer.material.untitled')}
      tagsOf={(m) =>
        m.required ? (
          <Tag color="red">{t('applications.matter.required')}</Tag>
        ) : (
          <Tag>{t('applications.matter.optional')}</Tag>
        )
      }
    >
      {(m, i, patch) => (
        <>
          <DesignerField
            problemKey={`materials.${i}.name`}
            span={12}
            required
            label={t('applications.designer.material.name')}
          >
            <Input
              value={m.name}
              maxLength={100}
              onChange={(e) => patch({ name: e.target.value })}
              data-testid="designer-material-name"
            />
          </DesignerField>
          <DesignerField
            problemKey={`materials.${i}.code`}
            span={8}
            required
            label={t('applications.designer.material.code')}
          >
            <Input
              value={m.code}
              maxLength={64}
              onChange={(e) => patch({ code: e.target.value })}
              data-testid="designer-material-code"
            />
          </DesignerField>
          <DesignerField
            problemKey={`materials.${i}.required`}
            span={4}
            label={t('applications.designer.material.required')}
          >
            <Checkbox
              checked={m.required}
              onChange={(e) => patch({ required: e.target.checked })}
            />
          </DesignerField>
          <DesignerField
            problemKey={`materials.${i}.form`}
            span={12}
            label={t('applications.designer.material.form')}
          >
            <Input
              value={m.form}
              maxLength={100}
              placeholder={t('applications.designer.material.formPlaceholder')}
              onChange={(e) => patch({ form: e.target.value })}
            />
          </DesignerField>
          <DesignerField
            problemKey={`materials.${i}.satisfiedBy`}
            span={12}
            label={t('applications.designer.material.satisfiedBy')}
          >
            <Space.Compact block>
              <Select
                value={m.satisfiedKind}
                style={{
                  width:
                    m.satisfiedKind === 'element' || m.satisfiedKind === 'certificate'
                      ? 120
                      : '100%',
                  flex: 'none',
                }}
                onChange={(satisfiedKind) => patch({ satisfiedKind })}
                options={satisfiedKinds.map((kind) => ({
                  value: kind,
                  label: t(`applications.designer.satisfiedKind.${kind}`),
                }))}
              />
              {m.satisfiedKind === 'element' && (
                <Select
                  value={m.element || undefined}
                  placeholder={t('applications.designer.material.element')}
                  options={elementOptions}
                  showSearch={{ optionFilterProp: 'label' }}
                  onChange={(element) => patch({ element })}
                  style={{ flex: 1, minWidth: 0 }}
                />
              )}
              {m.satisfiedKind === 'certificate' && (
                <Select
                  value={m.certificate || undefined}
                  placeholder={t('applications.designer.material.certificate')}
                  options={certificateOptions}
                  showSearch={{ optionFilterProp: 'label' }}
                  onChange={(certificate) => patch({ certificate })}
                  style={{ flex: 1, minWidth: 0 }}
                />
              )}
            </Space.Compact>
          </DesignerField>
          <DesignerField
            problemKey={`materials.${i}.note`}
            label={t('applications.designer.material.note')}
          >
            <Input
              value={m.note}
              maxLength={500}
              onChange={(e) => patch({ note: e.target.value })}
            />
          </DesignerField>
        </>
      )}
    </ItemList>
  );
}
