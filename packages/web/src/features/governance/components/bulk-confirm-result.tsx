import type { BulkConfirmResult } from '@shequ/core';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * What a bulk confirmation did: how many were confirmed, and each skipped item (changed by someone
 * else since it was listed, or no longer awaiting verification) with the server's message.
 */
export function BulkConfirmResultAlert({
  result,
  describe,
  onClose,
}: {
  result: BulkConfirmResult;
  /** The person and element of a skipped item, as listed when it was selected. */
  describe: (id: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type={result.skipped.length === 0 ? 'success' : 'warning'}
      showIcon
      closable={{ onClose }}
      data-testid="bulk-confirm-result"
      title={t('governance.queue.bulkResult', {
        confirmed: result.confirmed,
        skipped: result.skipped.length,
      })}
      description={
        result.skipped.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {result.skipped.map((s) => (
              <li key={s.id}>
                {describe(s.id)}：{s.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}
