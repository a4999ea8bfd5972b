import type { PersonDetail } from '@shequ/core';
import { App, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useSetLifeStatus, type LifeStatusBody } from '../api';

interface LifeStatusValues {
  date: Dayjs;
  reason?: string;
}

/** 迁出 / 恢复 / 报告死亡: the date it happened and why, recorded in the person's history. */
export function LifeStatusModal({
  person,
  status,
  onClose,
}: {
  person: PersonDetail;
  status: LifeStatusBody['status'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LifeStatusValues>();
  const setStatus = useSetLifeStatus(person.id);
  const onError = useApiErrorHandler();

  const submit = (values: LifeStatusValues) =>
    setStatus.mutate(
      {
        status,
        date: values.date.format('YYYY-MM-DD'),
        reason: values.reason?.trim() || null,
        version: person.version,
      },
      {
        onSuccess: () => {
          void message.success(t(`lifeStatusAction.${status}.done`, { name: person.name }));
          onClose();
        },
        onError: (error) => onError(error, form),
      },
    );

  return (
    <FormModal<LifeStatusValues>
      open
      title={t(`lifeStatusAction.${status}.title`, { name: person.name })}
      form={form}
      name="lifeStatus"
      onSubmit={submit}
      onCancel={onClose}
      submitting={setStatus.isPending}
      okText={t(`lifeStatusAction.${status}.action`)}
      initialValues={{ date: dayjs() }}
    >
      <Form.Item
        label={t('lifeStatusAction.date')}
        name="date"
        rules={[
          { required: true, message: t('common.required', { label: t('lifeStatusAction.date') }) },
        ]}
      >
        <DatePicker style={{ width: '100%' }} maxDate={dayjs()} />
      </Form.Item>
      <Form.Item label={t('lifeStatusAction.reason')} name="reason">
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}
