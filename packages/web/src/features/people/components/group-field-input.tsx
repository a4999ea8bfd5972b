import type { SpecialGroupField } from '@shequ/core';
import { DatePicker, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldCodeSet } from '../../special-groups/attributes';
import { CodeSetSelect } from './code-set-select';

/** One fact of a register as the register defines it: text, number, date or a code table. */
export function GroupFieldInput({ field }: { field: SpecialGroupField }) {
  const { t } = useTranslation();
  const codeSet = fieldCodeSet(field);
  const input =
    field.type === 'number' ? (
      <InputNumber min={0} max={field.max} style={{ width: '100%' }} />
    ) : field.type === 'date' ? (
      <DatePicker style={{ width: '100%' }} />
    ) : field.type === 'code' && codeSet ? (
      <CodeSetSelect codeSet={codeSet} />
    ) : (
      <Input maxLength={field.max} />
    );
  return (
    <Form.Item
      label={field.label}
      name={['attributes', field.key]}
      rules={
        field.required
          ? [{ required: true, message: t('common.required', { label: field.label }) }]
          : []
      }
    >
      {input}
    </Form.Item>
  );
}
