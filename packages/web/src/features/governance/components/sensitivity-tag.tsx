import type { Sensitivity } from '@shequ/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<Sensitivity, string> = {
  public: 'default',
  internal: 'blue',
  sensitive: 'magenta',
};

/** 公开 / 内部 / 敏感个人信息. */
export function SensitivityTag({ level }: { level: Sensitivity }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[level]} style={{ marginInlineEnd: 0 }}>
      {t(`sensitivity.${level}`)}
    </Tag>
  );
}
