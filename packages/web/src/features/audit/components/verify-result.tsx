import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '../../../api/types';

/** The verdict of a chain walk, in words an auditor can put in a report. */
export function VerifyResult({
  result,
  onClose,
}: {
  result: AuditVerifyResult;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        title={t('audit.verifyOk')}
        description={t('audit.verifyOkDetail', { checked: result.checked })}
        data-testid="audit-verify-result"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title={t('audit.verifyBroken')}
      description={t('audit.verifyBrokenDetail', {
        checked: result.checked,
        seq: result.brokenSeq ?? '—',
        reason: result.reason ? t(`audit.reason.${result.reason}`) : '—',
      })}
      data-testid="audit-verify-result"
    />
  );
}
