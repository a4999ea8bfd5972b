import { attentionLevels } from '@shequ/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors = { general: 'default', medium: 'orange', serious: 'red' } as const;

/** 一般 / 中等 / 严重 for members of attention registers; a dash elsewhere. */
export function AttentionLevelTag({ level }: { level: string | null }) {
  const { t } = useTranslation();
  const known = attentionLevels.find((l) => l.code === level)?.code;
  if (!known) return <>{level ?? '—'}</>;
  return (
    <Tag color={colors[known]} style={{ marginInlineEnd: 0 }}>
      {t(`attentionLevel.${known}`)}
    </Tag>
  );
}
