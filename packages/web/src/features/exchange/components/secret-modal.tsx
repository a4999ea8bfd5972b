import { Alert, Button, Checkbox, Descriptions, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SecretField {
  key: string;
  label: ReactNode;
  value: string;
  /** The secret itself (red, monospace); other fields are identifiers. */
  secret?: boolean;
}

/**
 * A secret the platform keeps only as a hash (or encrypted) and shows this once: each value with a
 * copy button, a warning that says so, and a close button that waits until the user confirms they
 * have stored it. Neither the mask nor Escape closes it.
 */
export function SecretModal({
  title,
  warning,
  fields,
  extra,
  onClose,
}: {
  title: ReactNode;
  warning: ReactNode;
  fields: readonly SecretField[];
  extra?: ReactNode;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  return (
    <Modal
      open
      title={title}
      width={620}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" disabled={!stored} onClick={onClose} data-testid="secret-close">
          {t('exchange.secret.close')}
        </Button>
      }
    >
      <div data-testid="secret-modal">
        <Alert
          type="warning"
          showIcon
          title={t('exchange.secret.warningTitle')}
          description={warning}
          style={{ marginBottom: 16 }}
        />
        <Descriptions
          column={1}
          size="small"
          bordered
          styles={{ label: { width: 150 } }}
          items={fields.map((field) => ({
            key: field.key,
            label: field.label,
            children: (
              <Typography.Text
                copyable={{
                  text: field.value,
                  tooltips: [t('exchange.secret.copy'), t('exchange.secret.copied')],
                }}
                style={{
                  fontFamily: 'monospace',
                  wordBreak: 'break-all',
                  ...(field.secret ? { color: '#cf1322' } : {}),
                }}
                data-testid={`secret-${field.key}`}
              >
                {field.value}
              </Typography.Text>
            ),
          }))}
        />
        {extra}
        <Checkbox
          checked={stored}
          onChange={(event) => setStored(event.target.checked)}
          style={{ marginTop: 16 }}
          data-testid="secret-stored"
        >
          {t('exchange.secret.stored')}
        </Checkbox>
      </div>
    </Modal>
  );
}
