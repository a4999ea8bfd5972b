import type { ExchangeClientCredentials } from '@shequ/core';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SecretModal } from './secret-modal';

/** The client id and its secret, shown once after registering or resetting. */
export function ClientSecretModal({
  credentials,
  reset,
  onClose,
}: {
  credentials: ExchangeClientCredentials;
  /** True after a reset: the old secret has stopped working. */
  reset?: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <SecretModal
      title={t(reset ? 'exchange.secret.resetTitle' : 'exchange.secret.clientTitle', {
        name: credentials.client.name,
      })}
      warning={t(reset ? 'exchange.secret.resetWarning' : 'exchange.secret.clientWarning')}
      fields={[
        {
          key: 'client-id',
          label: t('exchange.secret.clientId'),
          value: credentials.client.clientId,
        },
        {
          key: 'client-secret',
          label: t('exchange.secret.clientSecret'),
          value: credentials.clientSecret,
          secret: true,
        },
      ]}
      extra={
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('exchange.secret.clientUsage')}
        </Typography.Paragraph>
      }
      onClose={onClose}
    />
  );
}
