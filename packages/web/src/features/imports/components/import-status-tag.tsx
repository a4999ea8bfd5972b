import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../api';

const colors: Record<ImportStatus, string> = {
  staging: 'processing',
  staged: 'warning',
  merging: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** 预检中 / 待确认 / 导入中 / 已完成 / 失败 / 已取消. */
export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} style={{ marginInlineEnd: 0 }} data-testid="import-status">
      {t(`importStatus.${status}`)}
    </Tag>
  );
}
