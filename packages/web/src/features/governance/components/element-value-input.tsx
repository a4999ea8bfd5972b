import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeSetSelect } from '../../people/components/code-set-select';
import { valueInputOf } from '../element-value';

interface ElementValueInputProps {
  elementCode: string | undefined;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  id?: string;
  'data-testid'?: string;
}

/**
 * A value of one data element: a pick from its code table (残疾等级: 一级 … 四级), yes or no for
 * register membership, else typed text (dates as YYYY-MM-DD; the server normalises them).
 */
export function ElementValueInput({
  elementCode,
  value,
  onChange,
  id,
  ...rest
}: ElementValueInputProps) {
  const { t } = useTranslation();
  const input = valueInputOf(elementCode);
  switch (input.kind) {
    case 'code':
      return (
        <CodeSetSelect
          id={id}
          codeSet={input.codeSet}
          value={value}
          onChange={onChange}
          data-testid={rest['data-testid']}
        />
      );
    case 'boolean':
      return (
        <Select
          id={id}
          value={value ?? undefined}
          onChange={(next: string | undefined) => onChange?.(next)}
          allowClear
          placeholder={t('common.select')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          data-testid={rest['data-testid']}
        />
      );
    default:
      return (
        <Input
          id={id}
          value={value ?? ''}
          onChange={(event) => onChange?.(event.target.value)}
          maxLength={200}
          placeholder={input.kind === 'date' ? t('governance.datePlaceholder') : undefined}
          data-testid={rest['data-testid']}
        />
      );
  }
}
