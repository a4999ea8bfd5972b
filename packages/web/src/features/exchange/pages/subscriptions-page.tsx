import { PlusOutlined } from '@ant-design/icons';
import type { SubscriptionCredentials, WebhookSubscriptionView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { subscriptionsQuery, useDisableSubscription } from '../api';
import { DeliveriesDrawer } from '../components/deliveries-drawer';
import { ReasonModal } from '../components/reason-modal';
import { SecretModal } from '../components/secret-modal';
import { ActiveTag } from '../components/status-tags';
import { SubscriptionFilterForm } from '../components/subscription-filter-form';
import { SubscriptionFormModal } from '../components/subscription-form-modal';
import { readSubscriptionFilter } from '../exchange-filters';

/**
 * 事件订阅: webhooks that push an agreement's change events to a department system, signed with a
 * secret shown once; the delivery log of each, with replay.
 */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readSubscriptionFilter);
  const subscriptions = useQuery(subscriptionsQuery({ ...filter, page, pageSize }));
  const disable = useDisableSubscription();
  const [creating, setCreating] = useState(false);
  const [credentials, setCredentials] = useState<SubscriptionCredentials>();
  const [disabling, setDisabling] = useState<WebhookSubscriptionView>();
  const [viewing, setViewing] = useState<WebhookSubscriptionView>();

  const count = (n: number, color?: string) => (
    <Typography.Text
      type={n === 0 ? 'secondary' : undefined}
      style={n > 0 && color ? { color } : undefined}
    >
      {n.toLocaleString()}
    </Typography.Text>
  );

  return (
    <PageContainer
      title={t('nav.exchangeSubscriptions')}
      description={t('exchange.subscription.pageDescription')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="subscription-new"
        >
          {t('exchange.subscription.new')}
        </Button>
      }
    >
      <PagedTable<WebhookSubscriptionView>
        data-testid="subscription-table"
        rowKey="id"
        query={subscriptions}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        scroll={{ x: 1150 }}
        locale={{ emptyText: t('exchange.subscription.empty') }}
        filter={<SubscriptionFilterForm value={filter} onSearch={search} />}
        columns={[
          {
            title: t('exchange.subscription.agreement'),
            key: 'agreement',
            width: 220,
            render: (_, s) => (
              <Flex vertical gap={0}>
                <Typography.Text strong>{s.clientName}</Typography.Text>
                <Typography.Text code style={{ alignSelf: 'flex-start' }}>
                  {s.purposeCode}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('exchange.subscription.url'),
            dataIndex: 'url',
            render: (url: string) => (
              <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }} copyable>
                {url}
              </Typography.Text>
            ),
          },
          {
            title: t('exchange.status'),
            dataIndex: 'status',
            width: 90,
            render: (status: WebhookSubscriptionView['status']) => <ActiveTag status={status} />,
          },
          {
            title: t('exchange.deliveryStatus.pending'),
            dataIndex: 'pending',
            width: 80,
            align: 'right',
            render: (n: number) => count(n, '#1677ff'),
          },
          {
            title: t('exchange.deliveryStatus.delivered'),
            dataIndex: 'delivered',
            width: 80,
            align: 'right',
            render: (n: number) => count(n, '#389e0d'),
          },
          {
            title: t('exchange.deliveryStatus.failed'),
            dataIndex: 'failed',
            width: 90,
            align: 'right',
            render: (n: number) => count(n, '#cf1322'),
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
            width: 150,
            fixed: 'end',
            render: (_, s) => (
              <Flex gap={0} wrap>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setViewing(s)}
                  data-testid="subscription-deliveries"
                >
                  {t('exchange.subscription.deliveries')}
                </Button>
                {s.status === 'active' && (
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => setDisabling(s)}
                    data-testid="subscription-disable"
                  >
                    {t('exchange.subscription.disable')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {creating && (
        <SubscriptionFormModal
          agreementId={filter.agreementId}
          onClose={() => setCreating(false)}
          onCreated={(value) => {
            setCreating(false);
            setCredentials(value);
          }}
        />
      )}
      {credentials && (
        <SecretModal
          title={t('exchange.secret.subscriptionTitle')}
          warning={t('exchange.secret.subscriptionWarning')}
          fields={[
            {
              key: 'url',
              label: t('exchange.subscription.url'),
              value: credentials.subscription.url,
            },
            {
              key: 'signing-secret',
              label: t('exchange.secret.signingSecret'),
              value: credentials.secret,
              secret: true,
            },
          ]}
          extra={
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('exchange.secret.subscriptionUsage')}
            </Typography.Paragraph>
          }
          onClose={() => setCredentials(undefined)}
        />
      )}
      {disabling && (
        <ReasonModal
          title={t('exchange.subscription.disableTitle', { url: disabling.url })}
          hint={t('exchange.subscription.disableHint')}
          okText={t('exchange.subscription.disable')}
          submitting={disable.isPending}
          onCancel={() => setDisabling(undefined)}
          onSubmit={(reason, form) =>
            disable.mutate(
              { id: disabling.id, reason },
              {
                onSuccess: () => {
                  void message.success(t('exchange.subscription.disabled'));
                  setDisabling(undefined);
                },
                onError: (error) => onError(error, form),
              },
            )
          }
        />
      )}
      {viewing && <DeliveriesDrawer subscription={viewing} onClose={() => setViewing(undefined)} />}
    </PageContainer>
  );
}
