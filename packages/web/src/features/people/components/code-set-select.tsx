import type { CodeSet } from '@shequ/core';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

interface CodeSetSelectProps {
  codeSet: CodeSet;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  id?: string;
  allowClear?: boolean;
  'data-testid'?: string;
}

/** Picks a value of a national code table (民族, 政治面貌 …) by typing part of its name or code. */
export function CodeSetSelect({
  codeSet,
  value,
  onChange,
  id,
  allowClear = true,
  ...rest
}: CodeSetSelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(code: string | undefined) => onChange?.(code)}
      allowClear={allowClear}
      placeholder={t('common.select')}
      showSearch={{
        filterOption: (input, option) =>
          Boolean(option && (option.label.includes(input) || option.value.startsWith(input))),
      }}
      options={codeSet.items.map((item) => ({ value: item.code, label: item.name }))}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
