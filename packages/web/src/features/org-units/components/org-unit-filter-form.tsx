import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import { CommunityTreeSelect } from '../../regions/components/community-tree-select';
import { orgUnitKinds, type OrgUnitFilter } from '../api';

/** The search row above the units table: name or credit code, kind and community. */
export function OrgUnitFilterForm({
  value,
  onSearch,
}: {
  value: OrgUnitFilter;
  onSearch: (filter: OrgUnitFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OrgUnitFilter>();
  useEffect(
    () => form.setFieldsValue({ q: undefined, kind: undefined, regionCode: undefined, ...value }),
    [form, value],
  );
  return (
    <Form<OrgUnitFilter>
      form={form}
      name="orgUnitFilter"
      layout="inline"
      onFinish={(values) => onSearch({ ...values, q: values.q?.trim() || undefined })}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('orgUnit.keyword')} name="q">
        <Input
          allowClear
          placeholder={t('orgUnit.keywordPlaceholder')}
          style={{ width: 220 }}
          data-testid="org-unit-search"
        />
      </Form.Item>
      <Form.Item label={t('orgUnit.kind')} name="kind">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          options={orgUnitKinds.map((kind) => ({ value: kind, label: t(`orgUnitKind.${kind}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('person.community')} name="regionCode">
        <CommunityTreeSelect allowClear style={{ width: 200 }} />
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
