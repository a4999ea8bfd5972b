import { useQuery } from '@tanstack/react-query';
import { Form, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import { clientOptionsQuery, type AgreementFilter } from '../api';

/** The search row of the agreement list: client and status. */
export function AgreementFilterForm({
  value,
  onSearch,
}: {
  value: AgreementFilter;
  onSearch: (filter: AgreementFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AgreementFilter>();
  const clients = useQuery(clientOptionsQuery);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(value);
  }, [form, value]);
  return (
    <Form<AgreementFilter>
      form={form}
      name="agreementFilter"
      layout="inline"
      onFinish={onSearch}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('exchange.agreement.client')} name="clientRef">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.all')}
          loading={clients.isPending}
          style={{ width: 260 }}
          popupMatchSelectWidth={false}
          options={(clients.data?.items ?? []).map((client) => ({
            value: client.id,
            label: client.name,
          }))}
        />
      </Form.Item>
      <Form.Item label={t('exchange.status')} name="status">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 120 }}
          options={(['active', 'ended'] as const).map((status) => ({
            value: status,
            label: t(`exchange.agreementStatus.${status}`),
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
