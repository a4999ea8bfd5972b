import { PlusOutlined } from '@ant-design/icons';
import type { ExchangeClientCredentials, ExchangeClientView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Form, Popconfirm, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { FilterActions, PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { RegionName } from '../../regions/components/region-name';
import { clientsQuery, useDisableClient, useResetClientSecret, type ClientFilter } from '../api';
import { ClientFormModal } from '../components/client-form-modal';
import { ClientSecretModal } from '../components/client-secret-modal';
import { ReasonModal } from '../components/reason-modal';
import { ActiveTag } from '../components/status-tags';
import { readClientFilter } from '../exchange-filters';

function ClientFilterForm({
  value,
  onSearch,
}: {
  value: ClientFilter;
  onSearch: (filter: ClientFilter) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ClientFilter>();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(value);
  }, [form, value]);
  return (
    <Form<ClientFilter> form={form} name="clientFilter" layout="inline" onFinish={onSearch}>
      <Form.Item label={t('exchange.status')} name="status">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 120 }}
          options={(['active', 'disabled'] as const).map((status) => ({
            value: status,
            label: t(`exchange.activeStatus.${status}`),
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

/**
 * 接入系统: the department systems that read through the exchange interface — register one (its
 * secret is shown once), reset a lost secret, disable one at once.
 */
export function ClientsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readClientFilter);
  const clients = useQuery(clientsQuery({ ...filter, page, pageSize }));
  const reset = useResetClientSecret();
  const disable = useDisableClient();
  const [creating, setCreating] = useState(false);
  const [credentials, setCredentials] = useState<{
    value: ExchangeClientCredentials;
    reset: boolean;
  }>();
  const [disabling, setDisabling] = useState<ExchangeClientView>();

  return (
    <PageContainer
      title={t('nav.exchangeClients')}
      description={t('exchange.client.pageDescription')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="client-new"
        >
          {t('exchange.client.new')}
        </Button>
      }
    >
      <PagedTable<ExchangeClientView>
        data-testid="client-table"
        rowKey="id"
        query={clients}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('exchange.client.empty') }}
        filter={<ClientFilterForm value={filter} onSearch={search} />}
        columns={[
          {
            title: t('exchange.client.name'),
            dataIndex: 'name',
            render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
          },
          {
            title: t('exchange.client.clientId'),
            dataIndex: 'clientId',
            width: 230,
            render: (clientId: string) => (
              <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
                {clientId}
              </Typography.Text>
            ),
          },
          { title: t('exchange.client.department'), dataIndex: 'departmentName', width: 170 },
          {
            title: t('exchange.region'),
            dataIndex: 'regionCode',
            width: 110,
            render: (code: string) => <RegionName code={code} />,
          },
          {
            title: t('exchange.status'),
            key: 'status',
            width: 90,
            render: (_, client) => (
              <ActiveTag status={client.status} reason={client.disabledReason} />
            ),
          },
          {
            title: t('exchange.createdAt'),
            dataIndex: 'createdAt',
            width: 165,
            render: formatDateTime,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            fixed: 'end',
            render: (_, client) => (
              <Flex gap={0} wrap>
                <Button
                  type="link"
                  size="small"
                  onClick={() => void navigate(`/exchange-agreements?clientRef=${client.id}`)}
                  data-testid="client-agreements"
                >
                  {t('exchange.client.agreements')}
                </Button>
                {client.status === 'active' && (
                  <>
                    <Popconfirm
                      title={t('exchange.client.resetConfirm', { name: client.name })}
                      description={t('exchange.client.resetConfirmDetail')}
                      okText={t('exchange.client.reset')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        reset.mutate(client.id, {
                          onSuccess: (value) => setCredentials({ value, reset: true }),
                          onError: (error) => onError(error),
                        })
                      }
                    >
                      <Button type="link" size="small" data-testid="client-reset">
                        {t('exchange.client.reset')}
                      </Button>
                    </Popconfirm>
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={() => setDisabling(client)}
                      data-testid="client-disable"
                    >
                      {t('exchange.client.disable')}
                    </Button>
                  </>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {creating && (
        <ClientFormModal
          onClose={() => setCreating(false)}
          onCreated={(value) => {
            setCreating(false);
            setCredentials({ value, reset: false });
          }}
        />
      )}
      {credentials && (
        <ClientSecretModal
          credentials={credentials.value}
          reset={credentials.reset}
          onClose={() => setCredentials(undefined)}
        />
      )}
      {disabling && (
        <ReasonModal
          title={t('exchange.client.disableTitle', { name: disabling.name })}
          hint={t('exchange.client.disableHint')}
          okText={t('exchange.client.disable')}
          submitting={disable.isPending}
          onCancel={() => setDisabling(undefined)}
          onSubmit={(reason, form) =>
            disable.mutate(
              { id: disabling.id, reason },
              {
                onSuccess: () => {
                  void message.success(t('exchange.client.disabled', { name: disabling.name }));
                  setDisabling(undefined);
                },
                onError: (error) => onError(error, form),
              },
            )
          }
        />
      )}
    </PageContainer>
  );
}
