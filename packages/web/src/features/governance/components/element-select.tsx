import type { DataElementView } from '@shequ/core';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { subjectOf } from '../responsibility-matrix';

interface ElementSelectProps {
  elements: readonly DataElementView[];
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  loading?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Picks a data element by typing part of its name, grouped by person and register. */
export function ElementSelect({
  elements,
  value,
  onChange,
  id,
  allowClear = true,
  placeholder,
  loading,
  style,
  ...rest
}: ElementSelectProps) {
  const { t } = useTranslation();
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const e of elements) {
    const subject = subjectOf(e.code);
    const key = subject.kind === 'person' ? 'person' : subject.code;
    const label =
      subject.kind === 'person'
        ? t('governance.matrix.person')
        : t('governance.matrix.register', { name: subject.name });
    const group = groups.get(key) ?? { label, options: [] };
    group.options.push({ value: e.code, label: e.name });
    groups.set(key, group);
  }
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(code: string | undefined) => onChange?.(code)}
      allowClear={allowClear}
      loading={loading}
      placeholder={placeholder ?? t('common.select')}
      showSearch={{ optionFilterProp: 'label' }}
      options={[...groups.values()]}
      popupMatchSelectWidth={false}
      style={style}
      data-testid={rest['data-testid']}
    />
  );
}
