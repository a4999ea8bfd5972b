import { ApartmentOutlined, BankOutlined, BlockOutlined, HomeOutlined } from '@ant-design/icons';
import type { PlaceView } from '@shequ/core';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Tree, type TreeDataNode } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { placesQuery, type PlaceKind } from '../api';
import { PlaceTitle } from './place-title';

const icons: Record<PlaceKind, ReactNode> = {
  compound: <BankOutlined />,
  building: <ApartmentOutlined />,
  unit: <BlockOutlined />,
  house: <HomeOutlined />,
};

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

interface PlaceTreeProps {
  compounds: PlaceView[];
  selected: PlaceView | undefined;
  onSelect: (place: PlaceView) => void;
}

/**
 * 小区 → 楼栋 → 单元 → 房屋, each level loaded when its parent opens. Children stay live in the
 * query cache, so a place just added appears without reloading the tree.
 */
export function PlaceTree({ compounds, selected, onSelect }: PlaceTreeProps) {
  const queryClient = useQueryClient();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [opened, setOpened] = useState<string[]>([]);
  // A place just added is selected from outside: open its parent so it shows.
  const parentId = selected?.parentId;
  useEffect(() => {
    if (!parentId) return;
    setOpened((prev) => union(prev, [parentId]));
    setExpanded((prev) => union(prev, [parentId]));
  }, [parentId]);
  const children = useQueries({ queries: opened.map((id) => placesQuery(id)) });
  const childrenOf = new Map<string, PlaceView[]>();
  opened.forEach((id, index) => {
    const data = children[index]?.data;
    if (data) childrenOf.set(id, data);
  });
  const byKey = new Map<string, PlaceView>();

  const toNode = (place: PlaceView): TreeDataNode => {
    byKey.set(place.id, place);
    return {
      key: place.id,
      title: <PlaceTitle place={place} />,
      icon: icons[place.kind],
      isLeaf: place.kind === 'house' || place.childCount === 0,
      children: childrenOf.get(place.id)?.map(toNode),
    };
  };
  const treeData = compounds.map(toNode);

  return (
    <Tree
      data-testid="place-tree"
      blockNode
      showIcon
      showLine
      height={560}
      treeData={treeData}
      expandedKeys={expanded}
      selectedKeys={selected ? [selected.id] : []}
      onExpand={(keys) => setExpanded(keys.map(String))}
      onSelect={(keys) => {
        const place = keys[0] === undefined ? undefined : byKey.get(String(keys[0]));
        if (place) onSelect(place);
      }}
      loadData={async (node) => {
        const id = String(node.key);
        await queryClient.fetchQuery(placesQuery(id));
        setOpened((prev) => union(prev, [id]));
      }}
    />
  );
}
