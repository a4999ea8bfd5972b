import type { ExchangeLogVerdict } from '@shequ/core';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../api/types';

/** The verdict of a walk over the exchange log's hash chain, in words for a report. */
export function LogVerifyResult({
  result,
  onClose,
}: {
  result: Output<typeof ExchangeLogVerdict>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        title={t('exchange.log.verifyOk')}
        description={t('exchange.log.verifyOkDetail', { checked: result.checked })}
        data-testid="log-verify-result"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title={t('exchange.log.verifyBroken')}
      description={t('exchange.log.verifyBrokenDetail', {
        checked: result.checked,
        seq: result.brokenSeq ?? '—',
        reason: result.reason ? t(`exchange.log.reason.${result.reason}`) : '—',
      })}
      data-testid="log-verify-result"
    />
  );
}
