import type { LifeStatus } from '@shequ/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<LifeStatus, string> = {
  active: 'success',
  moved_out: 'default',
  deceased_reported: 'warning',
  deceased: 'default',
};

/** 在册 / 已迁出 / 死亡待确认 / 已死亡 as a coloured tag. */
export function LifeStatusTag({ status }: { status: LifeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} style={{ marginInlineEnd: 0 }}>
      {t(`lifeStatus.${status}`)}
    </Tag>
  );
}
