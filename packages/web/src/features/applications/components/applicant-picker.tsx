import { sexCodes, type PersonSummary } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../../ui/query-state';
import { peopleQuery } from '../../people/api';
import { LifeStatusTag } from '../../people/components/life-status-tag';
import { codeLabel } from '../../people/labels';

/**
 * Step ② of the intake: finds the applicant in the community database by ID number or name
 * (the same search as 人员查询, within the worker's region) and picks one.
 */
export function ApplicantPicker({
  value,
  onChange,
}: {
  value: PersonSummary | undefined;
  onChange: (person: PersonSummary) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const people = useQuery({
    ...peopleQuery({ q, page: 1, pageSize: 10 }),
    enabled: q.length > 0,
  });

  return (
    <Flex vertical gap={16}>
      <Input.Search
        enterButton={t('common.search')}
        allowClear
        size="large"
        placeholder={t('applications.intake.searchPerson')}
        onSearch={(text) => setQ(text.trim())}
        style={{ maxWidth: 520 }}
        data-testid="person-search"
      />
      {value && (
        <Alert
          type="success"
          showIcon
          title={t('applications.intake.personChosen', {
            name: value.name,
            idNumber: value.idNumberMasked,
          })}
          data-testid="person-chosen"
        />
      )}
      {q.length === 0 ? (
        <Typography.Text type="secondary">
          {t('applications.intake.searchPersonHint')}
        </Typography.Text>
      ) : people.isError ? (
        <ErrorResult error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <Table<PersonSummary>
          size="small"
          rowKey="id"
          loading={people.isFetching}
          dataSource={people.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('applications.intake.noPerson') }}
          data-testid="person-results"
          rowSelection={{
            type: 'radio',
            selectedRowKeys: value ? [value.id] : [],
            onChange: (_keys, rows) => rows[0] && onChange(rows[0]),
            getCheckboxProps: (person) => ({ disabled: person.lifeStatus !== 'active' }),
          }}
          onRow={(person) => ({
            onClick: () => person.lifeStatus === 'active' && onChange(person),
            style: { cursor: person.lifeStatus === 'active' ? 'pointer' : 'not-allowed' },
          })}
          columns={[
            { title: t('person.name'), dataIndex: 'name', width: 110 },
            { title: t('person.idNumber'), dataIndex: 'idNumberMasked', width: 200 },
            {
              title: t('person.sex'),
              dataIndex: 'sex',
              width: 60,
              render: (sex: string | null) => codeLabel(sexCodes, sex),
            },
            {
              title: t('person.age'),
              dataIndex: 'age',
              width: 60,
              render: (age: number | null) => age ?? '—',
            },
            { title: t('person.community'), dataIndex: 'regionName' },
            {
              title: t('person.lifeStatus'),
              dataIndex: 'lifeStatus',
              width: 100,
              render: (status: PersonSummary['lifeStatus']) => <LifeStatusTag status={status} />,
            },
          ]}
        />
      )}
    </Flex>
  );
}
