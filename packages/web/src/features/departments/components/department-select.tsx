import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { departmentsQuery } from '../api';

interface DepartmentSelectProps {
  regionCode: string | undefined;
  value?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
}

/** Picks one of the departments set up at a region (for a department reviewer's grant). */
export function DepartmentSelect({ regionCode, value, onChange, id }: DepartmentSelectProps) {
  const { t } = useTranslation();
  const departments = useQuery({ ...departmentsQuery(regionCode), enabled: Boolean(regionCode) });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      allowClear
      disabled={!regionCode}
      loading={departments.isFetching}
      placeholder={regionCode ? t('department.selectPlaceholder') : t('department.pickRegionFirst')}
      showSearch={{ optionFilterProp: 'label' }}
      options={(departments.data?.items ?? []).map((department) => ({
        value: department.id,
        label: department.name,
      }))}
      notFoundContent={t('department.noneAtRegion')}
    />
  );
}
