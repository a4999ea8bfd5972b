import type { Region } from '@shequ/core';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Tree, type GetRef, type TreeDataNode } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { regionDetailQuery } from '../api';
import { RegionTreeTitle } from './region-label';

interface RegionTreeProps {
  roots: Region[];
  selectedCode: string | undefined;
  onSelect: (code: string) => void;
  height?: number;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * The region tree from the user's scope roots, loading children when a node opens. Selecting a
 * region from outside (search, a link) opens its ancestors and scrolls to it.
 */
export function RegionTree({ roots, selectedCode, onSelect, height = 560 }: RegionTreeProps) {
  const queryClient = useQueryClient();
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  // The scope roots start open: a street worker sees their communities straight away.
  const [expanded, setExpanded] = useState<string[]>(() => roots.map((root) => root.code));
  // Regions whose children the tree shows; their details stay live in the query cache, so a new
  // grid or a rename appears without reloading the tree.
  const [opened, setOpened] = useState<string[]>(() => roots.map((root) => root.code));
  const details = useQueries({ queries: opened.map((code) => regionDetailQuery(code)) });
  const childrenOf = new Map<string, Region[]>();
  opened.forEach((code, index) => {
    const children = details[index]?.data?.children;
    if (children) childrenOf.set(code, children);
  });

  const toNode = (region: Region): TreeDataNode => ({
    key: region.code,
    title: <RegionTreeTitle region={region} />,
    isLeaf: region.childCount === 0,
    children: childrenOf.get(region.code)?.map(toNode),
  });

  useEffect(() => {
    if (!selectedCode) return;
    let cancelled = false;
    queryClient
      .fetchQuery(regionDetailQuery(selectedCode))
      .then((detail) => {
        if (cancelled) return;
        const path = detail.ancestors
          .map((ancestor) => ancestor.code)
          .filter((code) => roots.some((root) => code.startsWith(root.code)));
        setOpened((prev) => union(prev, path));
        setExpanded((prev) => union(prev, path));
        setTimeout(() => treeRef.current?.scrollTo({ key: selectedCode, align: 'auto' }), 300);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [selectedCode, roots, queryClient]);

  return (
    <Tree
      ref={treeRef}
      data-testid="region-tree"
      height={height}
      blockNode
      showLine
      treeData={roots.map(toNode)}
      expandedKeys={expanded}
      selectedKeys={selectedCode ? [selectedCode] : []}
      onExpand={(keys) => setExpanded(keys.map(String))}
      onSelect={(keys) => {
        const code = keys[0];
        if (code !== undefined) onSelect(String(code));
      }}
      loadData={async (node) => {
        const code = String(node.key);
        await queryClient.fetchQuery(regionDetailQuery(code));
        setOpened((prev) => union(prev, [code]));
      }}
    />
  );
}
