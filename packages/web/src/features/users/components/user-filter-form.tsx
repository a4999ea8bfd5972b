import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import { RegionSearchSelect } from '../../regions/components/region-search-select';
import type { UserFilter } from '../api';
import { grantableRoles } from './grant-fields';

/** The search row above the user table: keyword, role, status, region. */
export function UserFilterForm({
  value,
  onSearch,
}: {
  value: UserFilter;
  onSearch: (filter: UserFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserFilter>();
  useEffect(
    () =>
      form.setFieldsValue({
        q: undefined,
        role: undefined,
        status: undefined,
        regionCode: undefined,
        ...value,
      }),
    [form, value],
  );

  return (
    <Form<UserFilter>
      form={form}
      name="userFilter"
      layout="inline"
      onFinish={(values) => onSearch({ ...values, q: values.q?.trim() || undefined })}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('user.keyword')} name="q">
        <Input
          allowClear
          placeholder={t('user.keywordPlaceholder')}
          style={{ width: 200 }}
          data-testid="user-search-q"
        />
      </Form.Item>
      <Form.Item label={t('user.role')} name="role">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 190 }}
          options={grantableRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('user.status')} name="status">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 110 }}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'disabled', label: t('status.disabled') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('user.region')} name="regionCode">
        <RegionSearchSelect style={{ width: 220 }} placeholder={t('region.searchShort')} />
      </Form.Item>
      <FilterActions
        onReset={() => {
          form.resetFields();
          onSearch({});
        }}
        searchTestId="user-search-submit"
      />
    </Form>
  );
}
