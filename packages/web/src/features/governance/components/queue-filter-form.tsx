import type { DataElementView } from '@shequ/core';
import { Checkbox, Form } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import { useMe } from '../../auth/components/me-provider';
import { RegionSearchSelect } from '../../regions/components/region-search-select';
import type { VerificationFilter } from '../api';
import { ElementSelect } from './element-select';

/** The search row of the queue and the workbench: element, region, overdue only. */
export function QueueFilterForm({
  name,
  value,
  elements,
  onSearch,
}: {
  name: string;
  value: VerificationFilter;
  elements: readonly DataElementView[];
  onSearch: (filter: VerificationFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VerificationFilter>();
  const me = useMe();
  // Before typing, the regions of the user's grants (where their queue comes from).
  const grantRegions = useMemo(
    () =>
      [...new Map(me.grants.map((g) => [g.regionCode, g.regionName])).entries()].map(
        ([code, regionName]) => ({ value: code, label: regionName }),
      ),
    [me.grants],
  );
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(value);
  }, [form, value]);
  return (
    <Form<VerificationFilter>
      form={form}
      name={name}
      layout="inline"
      onFinish={(values) => onSearch({ ...values, overdue: values.overdue || undefined })}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('governance.queue.element')} name="elementCode">
        <ElementSelect elements={elements} style={{ width: 220 }} placeholder={t('common.all')} />
      </Form.Item>
      <Form.Item label={t('governance.queue.region')} name="regionCode">
        <RegionSearchSelect allowClear defaultOptions={grantRegions} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="overdue" valuePropName="checked">
        <Checkbox>{t('governance.queue.overdueOnly')}</Checkbox>
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
