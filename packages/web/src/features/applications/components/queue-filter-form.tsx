import { useQuery } from '@tanstack/react-query';
import { Form, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import { mattersQuery, type QueueFilter } from '../api';

/** The work queue's filter: status, matter, time limit (预警 / 超期). */
export function QueueFilterForm({
  value,
  onSearch,
}: {
  value: QueueFilter;
  onSearch: (filter: QueueFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<QueueFilter>();
  const matters = useQuery(mattersQuery);
  useEffect(() => form.setFieldsValue({ ...value }), [form, value]);
  return (
    <Form<QueueFilter>
      form={form}
      name="applicationQueueFilter"
      layout="inline"
      onFinish={onSearch}
    >
      <Form.Item name="status" label={t('applications.queue.status')}>
        <Select
          allowClear
          placeholder={t('applications.queue.statusOpen')}
          style={{ width: 140 }}
          options={(['submitted', 'processing', 'supplement'] as const).map((status) => ({
            value: status,
            label: t(`applications.status.${status}`),
          }))}
          data-testid="queue-status"
        />
      </Form.Item>
      <Form.Item name="matterCode" label={t('applications.matterName')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          loading={matters.isPending}
          style={{ width: 220 }}
          popupMatchSelectWidth={false}
          options={(matters.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
          data-testid="queue-matter"
        />
      </Form.Item>
      <Form.Item name="timeLimit" label={t('applications.queue.timeLimit')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 120 }}
          options={(['warning', 'overdue'] as const).map((state) => ({
            value: state,
            label: t(`applications.timeLimit.${state}`),
          }))}
          data-testid="queue-time-limit"
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
