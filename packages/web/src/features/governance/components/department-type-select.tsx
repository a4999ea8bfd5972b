import { departmentTypes } from '@shequ/core';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

const options = departmentTypes.map((type) => ({ value: type.code, label: type.shortName }));

interface SingleProps {
  multiple?: false;
  value?: string | null;
  onChange?: (value: string | null) => void;
}

interface MultipleProps {
  multiple: true;
  value?: string[];
  onChange?: (value: string[]) => void;
}

type DepartmentTypeSelectProps = (SingleProps | MultipleProps) & {
  id?: string;
  placeholder?: string;
  /** Types that may not be picked (the verifier among the comparers). */
  exclude?: readonly string[];
  style?: React.CSSProperties;
  'data-testid'?: string;
};

/** Picks one department type (民政, 残联 …) or several. */
export function DepartmentTypeSelect(props: DepartmentTypeSelectProps) {
  const { t } = useTranslation();
  const { id, placeholder, exclude = [], style } = props;
  const available = options.map((o) => ({ ...o, disabled: exclude.includes(o.value) }));
  if (props.multiple) {
    return (
      <Select
        id={id}
        mode="multiple"
        value={props.value ?? []}
        onChange={(next: string[]) => props.onChange?.(next)}
        options={available}
        placeholder={placeholder ?? t('common.select')}
        showSearch={{ optionFilterProp: 'label' }}
        style={style}
        data-testid={props['data-testid']}
      />
    );
  }
  return (
    <Select
      id={id}
      value={props.value ?? undefined}
      onChange={(next: string | undefined) => props.onChange?.(next ?? null)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={available}
      placeholder={placeholder ?? t('common.select')}
      style={style}
      data-testid={props['data-testid']}
    />
  );
}
