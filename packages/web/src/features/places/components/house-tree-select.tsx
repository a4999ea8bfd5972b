import type { PlaceView } from '@shequ/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placesQuery } from '../api';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

const nodeOf = (place: PlaceView): Node => ({
  id: place.id,
  pId: place.parentId,
  value: place.id,
  title: place.name,
  isLeaf: place.kind === 'house' || place.childCount === 0,
  selectable: place.kind === 'house',
});

interface HouseTreeSelectProps {
  /** The compounds of this community or grid are the roots. */
  regionCode: string;
  value?: string;
  onChange?: (houseId: string | undefined) => void;
  id?: string;
}

/** Picks a house by opening its compound, building and unit; only houses can be chosen. */
export function HouseTreeSelect({ regionCode, value, onChange, id }: HouseTreeSelectProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const compounds = useQuery(placesQuery(undefined, regionCode));
  const [loaded, setLoaded] = useState<Node[]>([]);
  const roots = (compounds.data ?? []).map((place) => ({ ...nodeOf(place), pId: null }));

  const loadChildren = async (parentId: string) => {
    const children = await queryClient.fetchQuery(placesQuery(parentId));
    setLoaded((prev) => {
      const have = new Set(prev.map((node) => node.id));
      return [...prev, ...children.filter((c) => !have.has(c.id)).map(nodeOf)];
    });
  };

  return (
    <TreeSelect
      id={id}
      treeDataSimpleMode
      treeData={[...roots, ...loaded]}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      loadData={(node) => loadChildren(String(node.value))}
      loading={compounds.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('place.pickHouse')}
      notFoundContent={t('place.noCompounds')}
      popupMatchSelectWidth={360}
      style={{ width: '100%' }}
    />
  );
}
