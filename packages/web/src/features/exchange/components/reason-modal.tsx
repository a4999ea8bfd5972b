import { Alert, Form, Input, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';

/**
 * Asks for the reason of an irreversible change (disable a client or a subscription, end an
 * agreement); the reason goes into the history and the audit trail.
 */
export function ReasonModal({
  title,
  hint,
  okText,
  submitting,
  onSubmit,
  onCancel,
}: {
  title: ReactNode;
  hint: ReactNode;
  okText: ReactNode;
  submitting: boolean;
  onSubmit: (reason: string, form: FormInstance) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();
  return (
    <FormModal<{ reason?: string }>
      open
      title={title}
      form={form}
      name="exchangeReason"
      onSubmit={(values) => onSubmit(values.reason?.trim() ?? '', form)}
      onCancel={onCancel}
      submitting={submitting}
      okText={okText}
      width={520}
    >
      <Alert type="warning" showIcon title={hint} style={{ marginBottom: 16 }} />
      <Form.Item
        label={t('exchange.reason')}
        name="reason"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: t('exchange.reason') }),
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="exchange-reason" />
      </Form.Item>
    </FormModal>
  );
}
