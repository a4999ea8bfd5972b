import { Alert, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';

interface PurposeModalProps {
  title: ReactNode;
  /** What happens with the purpose: it is recorded in the audit log with the access. */
  hint: ReactNode;
  okText: ReactNode;
  submitting: boolean;
  onSubmit: (purpose: string) => void;
  onClose: () => void;
}

/** Asks why the user needs full personal data before it is shown or exported (audited). */
export function PurposeModal({
  title,
  hint,
  okText,
  submitting,
  onSubmit,
  onClose,
}: PurposeModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ purpose: string }>();
  return (
    <FormModal<{ purpose: string }>
      open
      title={title}
      form={form}
      name="purpose"
      onSubmit={(values) => onSubmit(values.purpose.trim())}
      onCancel={onClose}
      submitting={submitting}
      okText={okText}
    >
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} />
      <Form.Item
        label={t('person.purpose')}
        name="purpose"
        rules={[
          { required: true, whitespace: true, message: t('person.purposeRequired') },
          { min: 2, message: t('person.purposeRequired') },
        ]}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          showCount
          placeholder={t('person.purposePlaceholder')}
          data-testid="purpose-input"
        />
      </Form.Item>
    </FormModal>
  );
}
