import { EndMembershipBody, type MembershipView } from '@shequ/core';
import { App, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useEndMembership } from '../api';

interface EndValues {
  endDate?: Dayjs | null;
  endReason?: string;
}

/** 结束登记: when and why a person leaves a register; the membership stays in the history. */
export function EndMembershipModal({
  personId,
  membership,
  onClose,
}: {
  personId: string;
  membership: MembershipView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EndValues>();
  const end = useEndMembership(personId);
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = (values: EndValues) => {
    const body = {
      endDate: values.endDate?.format('YYYY-MM-DD') ?? '',
      endReason: values.endReason ?? '',
    };
    const checked = validateForm(form, EndMembershipBody, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    end.mutate(
      { membershipId: membership.id, ...checked.data },
      {
        onSuccess: () => {
          void message.success(t('membership.ended', { group: membership.groupName }));
          onClose();
        },
        onError: (error) => onError(error, form),
      },
    );
  };

  return (
    <FormModal<EndValues>
      open
      title={t('membership.endTitle', { group: membership.groupName })}
      form={form}
      name="endMembership"
      onSubmit={submit}
      onCancel={onClose}
      submitting={end.isPending}
      initialValues={{ endDate: dayjs() }}
    >
      <Form.Item
        label={t('membership.endDate')}
        name="endDate"
        rules={[
          { required: true, message: t('common.required', { label: t('membership.endDate') }) },
        ]}
      >
        <DatePicker style={{ width: '100%' }} minDate={dayjs(membership.startDate)} />
      </Form.Item>
      <Form.Item
        label={t('membership.endReason')}
        name="endReason"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: t('membership.endReason') }),
          },
        ]}
      >
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}
