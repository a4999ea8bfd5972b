import { auditOutcomes } from '@shequ/core';
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import type { AuditFilter } from '../api';

interface FilterValues {
  action?: string;
  actor?: string;
  outcome?: AuditFilter['outcome'];
  range?: [Dayjs | null, Dayjs | null] | null;
}

const toValues = (filter: AuditFilter): FilterValues => ({
  action: filter.action,
  actor: filter.actor,
  outcome: filter.outcome,
  range:
    filter.from || filter.to
      ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]
      : null,
});

/** The search row above the audit log: action, actor, outcome and a time range. */
export function AuditFilterForm({
  value,
  onSearch,
}: {
  value: AuditFilter;
  onSearch: (filter: AuditFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  useEffect(() => form.setFieldsValue(toValues(value)), [form, value]);

  const submit = (values: FilterValues) =>
    onSearch({
      action: values.action?.trim() || undefined,
      actor: values.actor?.trim() || undefined,
      outcome: values.outcome,
      // The server takes ISO 8601 with the offset; dayjs's default format is exactly that.
      from: values.range?.[0]?.format() ?? undefined,
      to: values.range?.[1]?.format() ?? undefined,
    });

  return (
    <Form<FilterValues>
      form={form}
      name="auditFilter"
      layout="inline"
      onFinish={submit}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('audit.action')} name="action">
        <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label={t('audit.actor')} name="actor">
        <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item label={t('audit.outcome')} name="outcome">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 110 }}
          options={auditOutcomes.map((outcome) => ({
            value: outcome,
            label: t(`outcome.${outcome}`),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('audit.time')} name="range">
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
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
