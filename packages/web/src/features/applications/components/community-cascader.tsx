import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PUBLIC_CITY, publicRegionsQuery, type PublicRegion } from '../api';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

const optionOf = (r: PublicRegion): RegionOption => ({
  value: r.code,
  label: r.name,
  isLeaf: r.leaf,
});

/**
 * Where a resident lives, picked county → street → community (区 → 街道 → 社区) from the city's
 * published division codes, loaded a level at a time. A form control: the value is the
 * community's 12-digit code.
 */
export function CommunityCascader({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const counties = useQuery(publicRegionsQuery(PUBLIC_CITY));
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    if (counties.data) setOptions(counties.data.map(optionOf));
  }, [counties.data]);
  // the form was reset: the cascade is emptied with it
  useEffect(() => {
    if (!value) setPath([]);
  }, [value]);

  const loadData = (selected: RegionOption[]) => {
    const target = selected.at(-1);
    if (!target || target.children) return;
    void queryClient
      .fetchQuery(publicRegionsQuery(target.value))
      .then((rows) => {
        target.children = rows.map(optionOf);
        if (rows.length === 0) target.isLeaf = true;
      })
      .catch(() => {
        // the menu stops spinning; choosing the region again asks once more
        target.children = [];
        void message.error(t('error.loadFailed'));
        setTimeout(() => {
          target.children = undefined;
        });
      })
      .finally(() => setOptions((current) => [...current]));
  };

  return (
    <Cascader<RegionOption>
      id={id}
      options={options}
      loadData={loadData}
      value={path}
      onChange={(next) => {
        const codes = (next ?? []) as string[];
        setPath(codes);
        const last = codes.at(-1);
        onChange?.(last && last.length === 12 ? last : undefined);
      }}
      changeOnSelect={false}
      loading={counties.isLoading}
      placeholder={t('applications.apply.communityPlaceholder')}
      notFoundContent={counties.isError ? t('error.loadFailed') : undefined}
      displayRender={(labels) => labels.join(' / ')}
      style={{ width: '100%' }}
      data-testid="apply-region"
    />
  );
}
