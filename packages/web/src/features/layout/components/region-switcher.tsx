import type { GrantView, Me } from '@shequ/core';
import { useQueryClient } from '@tanstack/react-query';
import { Grid, Select, Space, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useSwitchContext } from '../../auth/api';
import { useMe } from '../../auth/components/me-provider';
import { regionDetailQuery } from '../../regions/api';

interface TreeNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

/**
 * The header's context switch: which grant the user acts under, and which region inside that
 * grant's subtree they are looking at. Every list and count follows it.
 */
export function RegionSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const switchContext = useSwitchContext();
  const onError = useApiErrorHandler();
  const wide = Grid.useBreakpoint().xl ?? true;
  const active = me.grants.find((grant) => grant.id === me.activeGrantId) ?? me.grants[0];
  if (!active) return null;

  const apply = (grantId: string, regionCode: string) =>
    switchContext.mutate({ grantId, regionCode }, { onError: (error) => onError(error) });
  const grantLabel = (grant: GrantView) =>
    `${t(`role.${grant.role}`)} · ${grant.regionName}${grant.departmentName ? ` · ${grant.departmentName}` : ''}`;

  return (
    <Space.Compact data-testid="region-switcher">
      <Select
        aria-label={t('switcher.grant')}
        value={active.id}
        onChange={(grantId: string) => {
          const grant = me.grants.find((g) => g.id === grantId);
          if (grant) apply(grant.id, grant.regionCode);
        }}
        options={me.grants.map((grant) => ({ value: grant.id, label: grantLabel(grant) }))}
        popupMatchSelectWidth={false}
        style={{ width: wide ? 270 : 190 }}
        disabled={switchContext.isPending}
        data-testid="region-switcher-grant"
      />
      <SubRegionSelect
        key={active.id}
        grant={active}
        current={me.currentRegion}
        loading={switchContext.isPending}
        width={wide ? 210 : 150}
        onChange={(code) => apply(active.id, code)}
      />
    </Space.Compact>
  );
}

interface SubRegionSelectProps {
  grant: GrantView;
  current: Me['currentRegion'];
  loading: boolean;
  width: number;
  onChange: (code: string) => void;
}

/** The regions inside one grant's subtree, loaded a level at a time as the user opens them. */
function SubRegionSelect({ grant, current, loading, width, onChange }: SubRegionSelectProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [nodes, setNodes] = useState<TreeNode[]>([
    {
      id: grant.regionCode,
      pId: null,
      value: grant.regionCode,
      title: grant.regionName,
      isLeaf: false,
    },
  ]);
  const value = current && current.code.startsWith(grant.regionCode) ? current : null;

  const loadChildren = async (code: string) => {
    const detail = await queryClient.fetchQuery(regionDetailQuery(code));
    setNodes((prev) => {
      const known = new Set(prev.map((node) => node.id));
      const added = detail.children
        .filter((child) => child.validTo === null && !known.has(child.code))
        .map((child) => ({
          id: child.code,
          pId: code,
          value: child.code,
          title: child.name,
          isLeaf: child.childCount === 0,
        }));
      return [...prev, ...added];
    });
  };

  return (
    <TreeSelect
      aria-label={t('switcher.region')}
      treeDataSimpleMode
      treeData={nodes}
      labelInValue
      value={value ? { value: value.code, label: value.name } : undefined}
      onChange={(next: { value: string; label?: React.ReactNode } | undefined) =>
        next && next.value !== value?.code && onChange(next.value)
      }
      loadData={(node) => loadChildren(String(node.value))}
      treeDefaultExpandedKeys={[grant.regionCode]}
      loading={loading}
      disabled={loading}
      placeholder={t('switcher.region')}
      popupMatchSelectWidth={320}
      style={{ width }}
      data-testid="region-switcher-region"
    />
  );
}
