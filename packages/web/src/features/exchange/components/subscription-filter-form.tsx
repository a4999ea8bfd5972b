import { useQuery } from '@tanstack/react-query';
import { Form, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import { agreementsQuery, type SubscriptionFilter } from '../api';

/** The search row of the subscription list: one agreement (ended ones included). */
export function SubscriptionFilterForm({
  value,
  onSearch,
}: {
  value: SubscriptionFilter;
  onSearch: (filter: SubscriptionFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SubscriptionFilter>();
  const agreements = useQuery(agreementsQuery({ page: 1, pageSize: 200 }));
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(value);
  }, [form, value]);
  return (
    <Form<SubscriptionFilter>
      form={form}
      name="subscriptionFilter"
      layout="inline"
      onFinish={onSearch}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('exchange.subscription.agreement')} name="agreementId">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.all')}
          loading={agreements.isPending}
          style={{ width: 320 }}
          popupMatchSelectWidth={false}
          options={(agreements.data?.items ?? []).map((a) => ({
            value: a.id,
            label: `${a.clientName} · ${a.purposeCode}`,
          }))}
        />
      </Form.Item>
      <FilterActions
        onReset={() => {
          form.resetFields();
          onSearch({});
        }}
      />
    </Form>
  );
}
