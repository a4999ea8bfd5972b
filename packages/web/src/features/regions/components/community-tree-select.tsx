import type { Region } from '@shequ/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/components/me-provider';
import { regionDetailQuery, regionScopeQuery } from '../api';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

const placeLevels: readonly Region['level'][] = ['community', 'grid'];

const nodeOf = (region: Region, parent: string | null): Node => ({
  id: region.code,
  pId: parent,
  value: region.code,
  title: region.name,
  isLeaf: region.childCount === 0 || region.level === 'grid',
  selectable: placeLevels.includes(region.level),
});

interface CommunityTreeSelectProps {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  id?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
  'data-testid'?: string;
}

/**
 * Picks a community (社区/村) or grid inside the user's scope, from the region tree opened a level
 * at a time; streets and above only lead the way down and cannot be chosen.
 */
export function CommunityTreeSelect({
  value,
  onChange,
  id,
  style,
  allowClear,
  ...rest
}: CommunityTreeSelectProps) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const scope = useQuery(regionScopeQuery);
  const [loaded, setLoaded] = useState<Node[]>([]);
  const roots = (scope.data?.items ?? []).map((region) => nodeOf(region, null));
  const known = new Set(roots.map((node) => node.id));
  const nodes = [...roots, ...loaded.filter((node) => !known.has(node.id))];
  // A value whose node is not loaded yet (the current grid) still shows its name, not its code.
  const labelOf = (code: string) =>
    nodes.find((node) => node.value === code)?.title ??
    (me.currentRegion?.code === code ? me.currentRegion.name : code);

  const loadChildren = async (code: string) => {
    const detail = await queryClient.fetchQuery(regionDetailQuery(code));
    setLoaded((prev) => {
      const have = new Set(prev.map((node) => node.id));
      return [
        ...prev,
        ...detail.children
          .filter((child) => child.validTo === null && !have.has(child.code))
          .map((child) => nodeOf(child, code)),
      ];
    });
  };

  return (
    <TreeSelect
      id={id}
      treeDataSimpleMode
      treeData={nodes}
      labelInValue
      value={value ? { value, label: labelOf(value) } : undefined}
      onChange={(next: { value: string; label?: React.ReactNode } | undefined) =>
        onChange?.(next?.value)
      }
      loadData={(node) => loadChildren(String(node.value))}
      loading={scope.isPending}
      allowClear={allowClear}
      placeholder={t('region.pickCommunity')}
      popupMatchSelectWidth={320}
      style={style}
      {...rest}
    />
  );
}
