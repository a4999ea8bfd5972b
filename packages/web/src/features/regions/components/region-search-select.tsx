import type { RegionLevel } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../ui/use-debounced-value';
import { regionSearchQuery } from '../api';

export interface RegionOption {
  value: string;
  label: string;
}

interface RegionSearchSelectProps {
  value?: string | null;
  onChange?: (code: string | undefined, option?: RegionOption) => void;
  /** Only regions of this level. */
  level?: RegionLevel;
  /** Shown before the user types, e.g. the regions of their grants. */
  defaultOptions?: RegionOption[];
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Picks a region by typing part of its name; hits show the full path (江苏省南京市玄武区…). */
export function RegionSearchSelect({
  value,
  onChange,
  level,
  defaultOptions = [],
  placeholder,
  allowClear = true,
  id,
  style,
  ...rest
}: RegionSearchSelectProps) {
  const { t } = useTranslation();
  const [keyword, setKeyword] = useState('');
  const q = useDebouncedValue(keyword.trim());
  const search = useQuery({ ...regionSearchQuery(q, level), enabled: q.length > 0 });
  // Labels of regions seen so far, so a chosen value keeps its full name after the search changes.
  const labels = useRef(new Map<string, string>());

  const options = useMemo(() => {
    const found: RegionOption[] =
      q.length > 0
        ? (search.data?.items ?? []).map((hit) => ({ value: hit.code, label: hit.fullName }))
        : defaultOptions;
    for (const option of found) labels.current.set(option.value, option.label);
    if (value && !found.some((option) => option.value === value)) {
      return [{ value, label: labels.current.get(value) ?? value }, ...found];
    }
    return found;
  }, [q, search.data, defaultOptions, value]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setKeyword, searchValue: keyword }}
      // null keeps the box empty (a search box); undefined lets a Form own the value.
      value={value}
      options={options}
      allowClear={allowClear}
      placeholder={placeholder ?? t('region.searchPlaceholder')}
      notFoundContent={
        search.isFetching ? (
          <Spin size="small" />
        ) : q ? (
          t('common.noMatch')
        ) : (
          t('region.typeToSearch')
        )
      }
      onChange={(code: string | undefined) => {
        setKeyword('');
        onChange?.(
          code,
          options.find((option) => option.value === code),
        );
      }}
      style={style}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
