import { findDataElement, matterFieldTypes, type MatterFieldType } from '@shequ/core';
import { Checkbox, Input, InputNumber, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDraft } from '../../matter-draft';
import { codeSetChoices, elementsForField, newField } from '../../matter-draft-edits';
import { DesignerField } from './designer-field';
import { ItemList } from './item-list';

const codeSetOptions = codeSetChoices().map((c) => ({
  value: c.id,
  label: `${c.name}（${c.id}）`,
}));

/** A field's type changed: drop what no longer fits it (a date field is not prefilled by a name). */
function retyped(field: FieldDraft, type: MatterFieldType): Partial<FieldDraft> {
  const fits = elementsForField(type).some((e) => e.code === field.element);
  return { type, ...(fits ? {} : { element: '' }) };
}

/** An element picked for a code field brings its code set, which the two must share. */
function bound(field: FieldDraft, element: string | undefined): Partial<FieldDraft> {
  const codeSet = element ? findDataElement(element)?.codeSet : undefined;
  return { element: element ?? '', ...(field.type === 'code' && codeSet ? { codeSet } : {}) };
}

/** 申请表: the fields of the application form, each with its type, binding and bounds. */
export function FormFieldsSection({
  fields,
  onChange,
}: {
  fields: readonly FieldDraft[];
  onChange: (fields: FieldDraft[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <ItemList
      listKey="form"
      items={fields}
      onChange={onChange}
      onAdd={() => onChange([...fields, newField(fields)])}
      addLabel={t('applications.designer.field.add')}
      titleOf={(f) => f.label.trim() || t('applications.designer.field.untitled')}
      tagsOf={(f) => (
        <>
          <Tag>{t(`applications.fieldType.${f.type}`)}</Tag>
          {f.required && <Tag color="red">{t('applications.matter.fieldRequired')}</Tag>}
        </>
      )}
    >
      {(f, i, patch) => (
        <>
          <DesignerField
            problemKey={`form.${i}.label`}
            span={12}
            required
            label={t('applications.designer.field.label')}
          >
            <Input
              value={f.label}
              maxLength={100}
              onChange={(e) => patch({ label: e.target.value })}
              data-testid="designer-field-label"
            />
          </DesignerField>
          <DesignerField
            problemKey={`form.${i}.key`}
            span={8}
            required
            label={t('applications.designer.field.key')}
          >
            <Input
              value={f.key}
              maxLength={64}
              onChange={(e) => patch({ key: e.target.value })}
              data-testid="designer-field-key"
            />
          </DesignerField>
          <DesignerField
            problemKey={`form.${i}.required`}
            span={4}
            label={t('applications.designer.field.required')}
          >
            <Checkbox
              checked={f.required}
              onChange={(e) => patch({ required: e.target.checked })}
              data-testid="designer-field-required"
            />
          </DesignerField>
          <DesignerField
            problemKey={`form.${i}.type`}
            span={8}
            label={t('applications.designer.field.type')}
          >
            <Select
              value={f.type}
              onChange={(type) => patch(retyped(f, type))}
              options={matterFieldTypes.map((type) => ({
                value: type,
                label: t(`applications.fieldType.${type}`),
              }))}
              data-testid="designer-field-type"
            />
          </DesignerField>
          {f.type === 'code' && (
            <DesignerField
              problemKey={`form.${i}.codeSet`}
              span={16}
              required
              label={t('applications.designer.field.codeSet')}
            >
              <Select
                value={f.codeSet || undefined}
                onChange={(codeSet) => patch({ codeSet })}
                options={codeSetOptions}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.select')}
              />
            </DesignerField>
          )}
          <DesignerField
            problemKey={`form.${i}.element`}
            span={f.type === 'code' ? 24 : 16}
            label={t('applications.designer.field.element')}
          >
            <Select
              value={f.element || undefined}
              allowClear
              placeholder={t('applications.designer.field.elementPlaceholder')}
              onChange={(element?: string) => patch(bound(f, element))}
              options={elementsForField(f.type).map((e) => ({
                value: e.code,
                label: `${e.name}（${e.code}）`,
              }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </DesignerField>
          {(f.type === 'text' || f.type === 'textarea') && (
            <DesignerField
              problemKey={`form.${i}.maxLength`}
              span={8}
              label={t('applications.designer.field.maxLength')}
            >
              <InputNumber
                value={f.maxLength}
                min={1}
                max={10_000}
                precision={0}
                style={{ width: '100%' }}
                onChange={(maxLength) => patch({ maxLength })}
              />
            </DesignerField>
          )}
          {f.type === 'number' &&
            (['min', 'max'] as const).map((edge) => (
              <DesignerField
                key={edge}
                problemKey={`form.${i}.${edge}`}
                span={8}
                label={t(`applications.designer.field.${edge}`)}
              >
                <InputNumber
                  value={f[edge]}
                  style={{ width: '100%' }}
                  onChange={(value) => patch({ [edge]: value })}
                />
              </DesignerField>
            ))}
          <DesignerField
            problemKey={`form.${i}.help`}
            span={f.type === 'number' ? 8 : f.type === 'text' || f.type === 'textarea' ? 16 : 24}
            label={t('applications.designer.field.help')}
          >
            <Input
              value={f.help}
              maxLength={500}
              onChange={(e) => patch({ help: e.target.value })}
              data-testid="designer-field-help"
            />
          </DesignerField>
        </>
      )}
    </ItemList>
  );
}
