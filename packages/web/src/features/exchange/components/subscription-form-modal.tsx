import { CreateSubscriptionBody, type SubscriptionCredentials } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { activeAgreementsQuery, useCreateSubscription } from '../api';

interface SubscriptionValues {
  agreementId?: string;
  url?: string;
}

/**
 * 新建订阅: every event an agreement covers is POSTed, signed, to the URL. The answer carries the
 * signing secret, which the caller shows once.
 */
export function SubscriptionFormModal({
  agreementId,
  onClose,
  onCreated,
}: {
  agreementId?: string;
  onClose: () => void;
  onCreated: (credentials: SubscriptionCredentials) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SubscriptionValues>();
  const create = useCreateSubscription();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const agreements = useQuery(activeAgreementsQuery);

  const submit = (values: SubscriptionValues) => {
    const checked = validateForm(form, CreateSubscriptionBody, {
      agreementId: values.agreementId ?? '',
      url: values.url ?? '',
    });
    if (!('data' in checked)) return notice(checked.unplaced);
    create.mutate(checked.data, {
      onSuccess: onCreated,
      onError: (error) => onError(error, form),
    });
  };

  return (
    <FormModal<SubscriptionValues>
      open
      title={t('exchange.subscription.createTitle')}
      form={form}
      name="subscription"
      onSubmit={submit}
      onCancel={onClose}
      submitting={create.isPending}
      okText={t('exchange.subscription.subscribe')}
      width={600}
      initialValues={{ agreementId }}
    >
      <Alert
        type="info"
        showIcon
        title={t('exchange.subscription.createHint')}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        label={t('exchange.subscription.agreement')}
        name="agreementId"
        rules={[
          {
            required: true,
            message: t('common.required', { label: t('exchange.subscription.agreement') }),
          },
        ]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={agreements.isPending}
          placeholder={t('common.select')}
          notFoundContent={t('exchange.subscription.noAgreements')}
          options={(agreements.data?.items ?? []).map((a) => ({
            value: a.id,
            label: `${a.clientName} · ${a.purposeCode}（${a.purpose}）`,
          }))}
          data-testid="subscription-agreement"
        />
      </Form.Item>
      <Form.Item
        label={t('exchange.subscription.url')}
        name="url"
        extra={t('exchange.subscription.urlHint')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: t('exchange.subscription.url') }),
          },
        ]}
      >
        <Input
          maxLength={500}
          placeholder="https://mz.example.gov.cn/shequ/webhook"
          style={{ fontFamily: 'monospace' }}
          data-testid="subscription-url"
        />
      </Form.Item>
    </FormModal>
  );
}
