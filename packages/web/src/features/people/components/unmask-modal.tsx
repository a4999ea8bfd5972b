import type { PersonDetail } from '@shequ/core';
import { Alert, Checkbox, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnmaskedValues } from '../../../api/types';
import { FormModal } from '../../../ui/form-modal';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useUnmask, type UnmaskField } from '../api';

interface UnmaskValues {
  purpose: string;
  fields: UnmaskField[];
}

const unmaskFields: readonly UnmaskField[] = [
  'idNumber',
  'phone',
  'registeredAddress',
  'currentAddress',
];

/** The masked fields that hold a value, the ones worth asking for. */
function maskedFields(person: PersonDetail): UnmaskField[] {
  const present: Record<UnmaskField, boolean> = {
    idNumber: true,
    phone: person.phoneMasked !== null,
    registeredAddress: person.registeredAddressMasked !== null,
    currentAddress: person.currentAddressMasked !== null,
  };
  return unmaskFields.filter((field) => present[field]);
}

/**
 * 查看完整信息: asks for the purpose and the fields, then shows the full values. The access is
 * audited with the purpose; the values live only in this dialog.
 */
export function UnmaskModal({
  person,
  onPurpose,
  onClose,
}: {
  person: PersonDetail;
  /** The stated purpose, which later reads of this person carry too. */
  onPurpose: (purpose: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UnmaskValues>();
  const unmask = useUnmask(person.id);
  const onError = useApiErrorHandler();
  const available = maskedFields(person);

  if (unmask.data) {
    const values: UnmaskedValues = unmask.data;
    return (
      <Modal
        open
        title={t('person.unmaskedTitle', { name: person.name })}
        onCancel={onClose}
        footer={null}
        destroyOnHidden
      >
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="unmasked-values"
          items={unmaskFields
            .filter((field) => field in values)
            .map((field) => ({
              key: field,
              label: t(`person.${field}`),
              children: (
                <Typography.Text copyable={Boolean(values[field])}>
                  {values[field] ?? '—'}
                </Typography.Text>
              ),
            }))}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('person.unmaskedNote')}
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <FormModal<UnmaskValues>
      open
      title={t('person.unmask')}
      form={form}
      name="unmask"
      okText={t('person.unmaskOk')}
      submitting={unmask.isPending}
      initialValues={{ fields: available }}
      onCancel={onClose}
      onSubmit={(values) => {
        const purpose = values.purpose.trim();
        unmask.mutate(
          { purpose, fields: values.fields },
          { onSuccess: () => onPurpose(purpose), onError: (error) => onError(error, form) },
        );
      }}
    >
      <Alert type="info" showIcon title={t('person.unmaskHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        label={t('person.unmaskFields')}
        name="fields"
        rules={[{ required: true, message: t('person.unmaskFieldsRequired') }]}
      >
        <Checkbox.Group
          options={available.map((field) => ({ value: field, label: t(`person.${field}`) }))}
        />
      </Form.Item>
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
          data-testid="unmask-purpose"
        />
      </Form.Item>
    </FormModal>
  );
}
