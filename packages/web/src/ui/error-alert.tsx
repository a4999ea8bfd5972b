import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';
import { errorText } from './use-api-error';

/** A failed submission shown above a form: the server's Chinese title and detail, or a fallback. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={isApiError(error) ? errorText(error.title, error.detail, []) : t('error.unexpected')}
    />
  );
}
