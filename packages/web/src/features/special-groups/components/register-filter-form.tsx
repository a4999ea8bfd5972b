import { Form, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import { CommunityTreeSelect } from '../../regions/components/community-tree-select';
import type { RegisterFilter } from '../api';

/** The search row above a register: current or ended memberships, and the community. */
export function RegisterFilterForm({
  value,
  onSearch,
}: {
  value: RegisterFilter;
  onSearch: (filter: RegisterFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RegisterFilter>();
  useEffect(() => form.setFieldsValue(value), [form, value]);
  return (
    <Form<RegisterFilter>
      form={form}
      name="registerFilter"
      layout="inline"
      onFinish={onSearch}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('membership.status')} name="status">
        <Select
          style={{ width: 120 }}
          options={(['active', 'ended'] as const).map((status) => ({
            value: status,
            label: t(`membershipStatus.${status}`),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('person.community')} name="regionCode">
        <CommunityTreeSelect allowClear style={{ width: 220 }} />
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
