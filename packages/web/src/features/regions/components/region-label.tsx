import type { Region } from '@shequ/core';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A region as a tree node or list entry: its name, its code, and a tag once it is no longer valid. */
export function RegionLabel({ region }: { region: Region }) {
  const { t } = useTranslation();
  const closed = region.validTo !== null;
  return (
    <Space size={6}>
      <span style={closed ? { textDecoration: 'line-through', color: '#999' } : undefined}>
        {region.name}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {region.code}
      </Typography.Text>
      {closed && <Tag>{t('region.closed')}</Tag>}
    </Space>
  );
}

/**
 * A tree node: the name, then the code in grey. In a narrow tree the code moves under the name as a
 * whole instead of breaking mid-number.
 */
export function RegionTreeTitle({ region }: { region: Region }) {
  const { t } = useTranslation();
  const closed = region.validTo !== null;
  return (
    <span
      style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 6 }}
    >
      <span
        style={
          closed
            ? { textDecoration: 'line-through', color: '#999', whiteSpace: 'nowrap' }
            : { whiteSpace: 'nowrap' }
        }
      >
        {region.name}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {region.code}
      </Typography.Text>
      {closed && <Tag>{t('region.closed')}</Tag>}
    </span>
  );
}

/** The level of a region as a coloured tag. */
export function RegionLevelTag({ level }: { level: Region['level'] }) {
  const { t } = useTranslation();
  const colors: Record<Region['level'], string> = {
    province: 'red',
    city: 'volcano',
    county: 'orange',
    street: 'blue',
    community: 'green',
    grid: 'cyan',
  };
  return <Tag color={colors[level]}>{t(`level.${level}`)}</Tag>;
}
