import { exchangeOutcomes } from '@shequ/core';
import { DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import type { ExchangeLogFilter } from '../api';

interface FilterValues {
  clientRef?: string;
  outcome?: ExchangeLogFilter['outcome'];
  range?: [Dayjs | null, Dayjs | null] | null;
}

const toValues = (filter: ExchangeLogFilter): FilterValues => ({
  clientRef: filter.clientRef,
  outcome: filter.outcome,
  range:
    filter.from || filter.to
      ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]
      : null,
});

/** The search row above the exchange log: client, outcome and a range of days. */
export function ExchangeLogFilterForm({
  value,
  clients,
  onSearch,
}: {
  value: ExchangeLogFilter;
  clients: { value: string; label: string }[];
  onSearch: (filter: ExchangeLogFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toValues(value));
  }, [form, value]);

  const submit = (values: FilterValues) =>
    onSearch({
      clientRef: values.clientRef,
      outcome: values.outcome,
      // whole days, sent as ISO 8601 with the offset (dayjs's default format)
      from: values.range?.[0]?.startOf('day').format() ?? undefined,
      to: values.range?.[1]?.endOf('day').format() ?? undefined,
    });

  return (
    <Form<FilterValues>
      form={form}
      name="exchangeLogFilter"
      layout="inline"
      onFinish={submit}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('exchange.log.client')} name="clientRef">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.all')}
          style={{ width: 260 }}
          popupMatchSelectWidth={false}
          options={clients}
          data-testid="log-client"
        />
      </Form.Item>
      <Form.Item label={t('exchange.log.outcome')} name="outcome">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 110 }}
          options={exchangeOutcomes.map((outcome) => ({
            value: outcome,
            label: t(`exchangeOutcome.${outcome}`),
          }))}
          data-testid="log-outcome"
        />
      </Form.Item>
      <Form.Item label={t('exchange.log.date')} name="range">
        <DatePicker.RangePicker allowEmpty={[true, true]} />
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
