import { RedoOutlined } from '@ant-design/icons';
import {
  webhookDeliveryStatuses,
  type WebhookDeliveryView,
  type WebhookSubscriptionView,
} from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Flex,
  InputNumber,
  Popconfirm,
  Segmented,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { ErrorResult } from '../../../ui/query-state';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import {
  deliveriesQuery,
  useReplayDelivery,
  useReplaySubscription,
  type DeliveryStatus,
} from '../api';
import { deliveryStatusOf } from '../exchange-filters';
import { DeliveryStatusTag } from './status-tags';

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

/** Each attempt of one delivery: when, the receiver's status or the error, how long it took. */
function AttemptLog({ delivery }: { delivery: WebhookDeliveryView }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="attempt"
      pagination={false}
      dataSource={delivery.attemptLog}
      locale={{ emptyText: t('exchange.delivery.noAttempts') }}
      columns={[
        { title: t('exchange.delivery.attempt'), dataIndex: 'attempt', width: 70 },
        { title: t('exchange.delivery.at'), dataIndex: 'at', width: 170, render: formatDateTime },
        {
          title: t('exchange.delivery.statusCode'),
          dataIndex: 'statusCode',
          width: 90,
          render: (code: number | null) => code ?? '—',
        },
        {
          title: t('exchange.delivery.error'),
          dataIndex: 'error',
          render: (error: string | null) => error ?? '—',
        },
        {
          title: t('exchange.delivery.duration'),
          dataIndex: 'durationMs',
          width: 90,
          align: 'right',
          render: (ms: number) => t('exchange.delivery.ms', { count: ms }),
        },
      ]}
    />
  );
}

/**
 * 投递记录 of a subscription: each event with its status, attempts, next attempt and last error;
 * one delivery sent again, or every event after a feed position (the event ids stay the same, so
 * the receiver can deduplicate).
 */
export function DeliveriesDrawer({
  subscription,
  onClose,
}: {
  subscription: WebhookSubscriptionView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [status, setStatus] = useState<DeliveryStatus>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [fromPosition, setFromPosition] = useState<number | null>(0);
  const deliveries = useQuery(deliveriesQuery(subscription.id, { status, ...paging }));
  const replayOne = useReplayDelivery();
  const replayFrom = useReplaySubscription();

  const scheduled = (count: number) =>
    void message.success(t('exchange.delivery.scheduled', { count }));

  return (
    <Drawer
      open
      size={1080}
      title={t('exchange.delivery.title', {
        client: subscription.clientName,
        purpose: subscription.purposeCode,
      })}
      onClose={onClose}
      destroyOnHidden
      data-testid="deliveries-drawer"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {t('exchange.delivery.subscriptionUrl')}
          <Typography.Text style={mono} copyable>
            {subscription.url}
          </Typography.Text>
        </Typography.Text>
        <Card size="small">
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Segmented<string>
              value={status ?? 'all'}
              onChange={(value) => {
                setStatus(deliveryStatusOf(value));
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              options={[
                { value: 'all', label: t('common.all') },
                ...webhookDeliveryStatuses.map((s) => ({
                  value: s,
                  label: t(`exchange.deliveryStatus.${s}`),
                })),
              ]}
              data-testid="delivery-status-filter"
            />
            <Flex gap={8} align="center">
              <Typography.Text>{t('exchange.delivery.fromPosition')}</Typography.Text>
              <InputNumber
                min={0}
                precision={0}
                value={fromPosition}
                onChange={setFromPosition}
                style={{ width: 120 }}
                data-testid="replay-from-position"
              />
              <Popconfirm
                title={t('exchange.delivery.replayFromConfirm', { position: fromPosition ?? 0 })}
                description={t('exchange.delivery.replayHint')}
                onConfirm={() =>
                  replayFrom.mutate(
                    { id: subscription.id, fromPosition: fromPosition ?? 0 },
                    {
                      onSuccess: (result) => scheduled(result.scheduled),
                      onError: (error) => onError(error),
                    },
                  )
                }
              >
                <Button
                  icon={<RedoOutlined />}
                  loading={replayFrom.isPending}
                  disabled={subscription.status !== 'active'}
                  data-testid="replay-from"
                >
                  {t('exchange.delivery.replayFrom')}
                </Button>
              </Popconfirm>
            </Flex>
          </Flex>
        </Card>
        {deliveries.isError ? (
          <ErrorResult error={deliveries.error} onRetry={() => void deliveries.refetch()} />
        ) : (
          <Table<WebhookDeliveryView>
            size="small"
            rowKey="id"
            data-testid="delivery-table"
            loading={deliveries.isFetching}
            dataSource={deliveries.data?.items ?? []}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('exchange.delivery.empty') }}
            expandable={{
              expandedRowRender: (delivery) => <AttemptLog delivery={delivery} />,
              rowExpandable: (delivery) => delivery.attemptLog.length > 0,
            }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: deliveries.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }}
            columns={[
              { title: t('exchange.delivery.position'), dataIndex: 'position', width: 80 },
              {
                title: t('exchange.delivery.event'),
                key: 'event',
                width: 230,
                render: (_, d) => (
                  <Flex vertical gap={0}>
                    <Typography.Text style={mono}>{d.eventType}</Typography.Text>
                    <Typography.Text
                      type="secondary"
                      style={{ ...mono, fontSize: 11 }}
                      copyable={{ text: d.eventId }}
                    >
                      {d.eventId.slice(0, 13)}…
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('exchange.status'),
                dataIndex: 'status',
                width: 90,
                render: (s: DeliveryStatus) => <DeliveryStatusTag status={s} />,
              },
              {
                title: t('exchange.delivery.attempts'),
                dataIndex: 'attempts',
                width: 80,
                align: 'right',
              },
              {
                title: t('exchange.delivery.nextAttempt'),
                dataIndex: 'nextAttemptAt',
                width: 160,
                render: formatDateTime,
              },
              {
                title: t('exchange.delivery.lastResult'),
                key: 'last',
                render: (_, d) =>
                  d.lastStatus === null && !d.lastError ? (
                    '—'
                  ) : (
                    <Typography.Text
                      type={d.status === 'delivered' ? undefined : 'danger'}
                      ellipsis={{ tooltip: d.lastError }}
                      style={{ maxWidth: 260 }}
                    >
                      {[d.lastStatus === null ? null : `HTTP ${d.lastStatus}`, d.lastError]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  ),
              },
              {
                title: t('exchange.delivery.deliveredAt'),
                dataIndex: 'deliveredAt',
                width: 160,
                render: formatDateTime,
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 80,
                fixed: 'end',
                render: (_, d) => (
                  <Button
                    type="link"
                    size="small"
                    disabled={subscription.status !== 'active'}
                    loading={replayOne.isPending && replayOne.variables === d.id}
                    onClick={() =>
                      replayOne.mutate(d.id, {
                        onSuccess: (result) => scheduled(result.scheduled),
                        onError: (error) => onError(error),
                      })
                    }
                    data-testid="delivery-replay"
                  >
                    {t('exchange.delivery.replay')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Flex>
    </Drawer>
  );
}
