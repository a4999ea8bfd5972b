import { SearchOutlined } from '@ant-design/icons';
import { lifeStatuses, residenceTypes, specialGroups } from '@shequ/core';
import { Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../ui/paged-table';
import { CommunityTreeSelect } from '../../regions/components/community-tree-select';
import type { PersonFilter } from '../api';

type FilterValues = Omit<PersonFilter, 'sort' | 'order' | 'houseId'>;

const empty: Record<keyof FilterValues, undefined> = {
  q: undefined,
  householdNumber: undefined,
  address: undefined,
  regionCode: undefined,
  group: undefined,
  tag: undefined,
  ageMin: undefined,
  ageMax: undefined,
  residenceType: undefined,
  lifeStatus: undefined,
};

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/**
 * The search row above the people table: one box for a name, an ID number or a mobile number,
 * then the register, tag, age range, population type, status, household number and address.
 */
export function PeopleFilterForm({
  value,
  onSearch,
}: {
  value: PersonFilter;
  onSearch: (filter: PersonFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  useEffect(() => form.setFieldsValue({ ...empty, ...value }), [form, value]);

  const submit = (values: FilterValues) =>
    onSearch({
      ...values,
      q: trimmed(values.q),
      householdNumber: trimmed(values.householdNumber),
      address: trimmed(values.address),
      tag: trimmed(values.tag),
      ageMin: values.ageMin ?? undefined,
      ageMax: values.ageMax ?? undefined,
      // The sort chosen in the table stays when the filter changes.
      sort: value.sort,
      order: value.order,
    });

  return (
    <Form<FilterValues>
      form={form}
      name="peopleFilter"
      layout="inline"
      onFinish={submit}
      style={{ rowGap: 12 }}
    >
      <Form.Item name="q">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('person.searchPlaceholder')}
          aria-label={t('person.searchPlaceholder')}
          style={{ width: 280 }}
          data-testid="people-search"
        />
      </Form.Item>
      <Form.Item label={t('person.group')} name="group">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={specialGroups.map((group) => ({ value: group.code, label: group.name }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label={t('person.tag')} name="tag">
        <Input allowClear style={{ width: 120 }} />
      </Form.Item>
      <Form.Item label={t('person.age')}>
        <Space.Compact>
          <Form.Item name="ageMin" noStyle>
            <InputNumber
              min={0}
              max={150}
              precision={0}
              placeholder={t('person.ageFrom')}
              style={{ width: 80 }}
              aria-label={t('person.ageFrom')}
            />
          </Form.Item>
          <Form.Item name="ageMax" noStyle>
            <InputNumber
              min={0}
              max={150}
              precision={0}
              placeholder={t('person.ageTo')}
              style={{ width: 80 }}
              aria-label={t('person.ageTo')}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t('person.residenceType')} name="residenceType">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 130 }}
          options={residenceTypes.map(({ code }) => ({
            value: code,
            label: t(`residenceType.${code}`),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('person.lifeStatus')} name="lifeStatus">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 130 }}
          options={lifeStatuses.map(({ code }) => ({
            value: code,
            label: t(`lifeStatus.${code}`),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('person.householdNumber')} name="householdNumber">
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label={t('person.address')} name="address">
        <Input allowClear placeholder={t('person.addressPlaceholder')} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label={t('person.community')} name="regionCode">
        <CommunityTreeSelect allowClear style={{ width: 200 }} />
      </Form.Item>
      <FilterActions
        onReset={() => {
          form.resetFields();
          onSearch({});
        }}
        searchTestId="people-search-submit"
      />
    </Form>
  );
}
