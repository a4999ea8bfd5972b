import { PlusOutlined } from '@ant-design/icons';
import { chinaDate, type SharingAgreementView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { agreementState } from '../agreement-form';
import { agreementsQuery, useEndAgreement } from '../api';
import { AgreementElements } from '../components/agreement-elements';
import { AgreementFilterForm } from '../components/agreement-filter-form';
import { AgreementFormModal } from '../components/agreement-form-modal';
import { ReasonModal } from '../components/reason-modal';
import { AgreementStateTag } from '../components/status-tags';
import { readAgreementFilter } from '../exchange-filters';

/**
 * 共享协议: what each client may read — elements, region subtree, purpose, validity, rate limit;
 * sign a new one or end one (its reads, feed, exports and webhooks stop at once).
 */
export function AgreementsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readAgreementFilter);
  const agreements = useQuery(agreementsQuery({ ...filter, page, pageSize }));
  const end = useEndAgreement();
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<SharingAgreementView>();
  const today = chinaDate(new Date());

  return (
    <PageContainer
      title={t('nav.exchangeAgreements')}
      description={t('exchange.agreement.pageDescription')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="agreement-new"
        >
          {t('exchange.agreement.new')}
        </Button>
      }
    >
      <PagedTable<SharingAgreementView>
        data-testid="agreement-table"
        rowKey="id"
        query={agreements}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        scroll={{ x: 1150 }}
        locale={{ emptyText: t('exchange.agreement.empty') }}
        filter={<AgreementFilterForm value={filter} onSearch={search} />}
        columns={[
          {
            title: t('exchange.agreement.client'),
            key: 'client',
            width: 190,
            render: (_, a) => (
              <Flex vertical gap={0}>
                <Typography.Text strong>{a.clientName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {a.clientId}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('exchange.agreement.purpose'),
            key: 'purpose',
            width: 200,
            render: (_, a) => (
              <Flex vertical gap={0}>
                <Typography.Text code style={{ alignSelf: 'flex-start' }}>
                  {a.purposeCode}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis={{ tooltip: a.purpose }}>
                  {a.purpose}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('exchange.agreement.elements'),
            key: 'elements',
            render: (_, a) => <AgreementElements names={a.elementNames} codes={a.elementCodes} />,
          },
          { title: t('exchange.agreement.region'), dataIndex: 'regionName', width: 90 },
          {
            title: t('exchange.agreement.validity'),
            key: 'validity',
            width: 180,
            render: (_, a) => (
              <Flex vertical gap={4} align="flex-start">
                <span>
                  {t('exchange.agreement.validityRange', {
                    from: a.validFrom,
                    to: a.validTo ?? t('exchange.agreement.openEnded'),
                  })}
                </span>
                <AgreementStateTag state={agreementState(a, today)} reason={a.endReason} />
              </Flex>
            ),
          },
          {
            title: t('exchange.agreement.rateLimit'),
            dataIndex: 'rateLimitPerMinute',
            width: 100,
            align: 'right',
            render: (n: number) => t('exchange.agreement.rateValue', { count: n }),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            fixed: 'end',
            render: (_, a) => (
              <Flex gap={0} wrap>
                <Button
                  type="link"
                  size="small"
                  onClick={() => void navigate(`/exchange-subscriptions?agreementId=${a.id}`)}
                  data-testid="agreement-subscriptions"
                >
                  {t('exchange.agreement.subscriptions')}
                </Button>
                {a.status === 'active' && (
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => setEnding(a)}
                    data-testid="agreement-end"
                  >
                    {t('exchange.agreement.end')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {creating && (
        <AgreementFormModal
          clientRef={filter.clientRef}
          onClose={() => setCreating(false)}
          onCreated={(agreement) => {
            setCreating(false);
            void message.success(
              t('exchange.agreement.created', {
                client: agreement.clientName,
                purpose: agreement.purposeCode,
              }),
            );
          }}
        />
      )}
      {ending && (
        <ReasonModal
          title={t('exchange.agreement.endTitle', {
            client: ending.clientName,
            purpose: ending.purposeCode,
          })}
          hint={t('exchange.agreement.endHint')}
          okText={t('exchange.agreement.end')}
          submitting={end.isPending}
          onCancel={() => setEnding(undefined)}
          onSubmit={(reason, form) =>
            end.mutate(
              { id: ending.id, reason },
              {
                onSuccess: () => {
                  void message.success(t('exchange.agreement.ended'));
                  setEnding(undefined);
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
