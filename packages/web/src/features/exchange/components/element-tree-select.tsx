import type { DataElementView } from '@shequ/core';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { elementTree } from '../agreement-form';

/**
 * Picks many data elements from the catalog, grouped as the catalog page groups them (person
 * attributes, then each register); checking a group picks all of it. The value holds element
 * codes only.
 */
export function ElementTreeSelect({
  elements,
  value,
  onChange,
  id,
  loading,
  ...rest
}: {
  elements: readonly DataElementView[];
  value?: string[];
  onChange?: (codes: string[]) => void;
  id?: string;
  loading?: boolean;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const treeData = useMemo(
    () =>
      elementTree(elements, {
        person: t('governance.matrix.person'),
        register: (name) => t('governance.matrix.register', { name }),
      }),
    [elements, t],
  );
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(codes: string[]) => onChange?.(codes)}
      treeData={treeData}
      treeCheckable
      showCheckedStrategy={TreeSelect.SHOW_CHILD}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      loading={loading}
      maxTagCount={8}
      placeholder={t('exchange.agreement.elementsPlaceholder')}
      popupMatchSelectWidth
      listHeight={320}
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
    />
  );
}
