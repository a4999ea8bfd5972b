import type { DiscrepancyView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Drawer, Empty, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { QueryState } from '../../../ui/query-state';
import { discrepancyQuery } from '../api';
import { DiscrepancyStatusTag } from './discrepancy-status-tag';
import { DueDate } from './due-date';
import { RulingForm } from './ruling-form';
import { SubjectCell } from './subject-cell';
import { ValueProvenance } from './value-provenance';

/**
 * One discrepancy: both values side by side with their sources, the value's status and provenance
 * now, and — for the verifying department while the case is open — the ruling form.
 */
export function DiscrepancyDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const discrepancy = useQuery(discrepancyQuery(id));
  return (
    <Drawer
      open
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={
        discrepancy.data
          ? t('governance.discrepancy.drawerTitle', {
              name: discrepancy.data.person.name,
              element: discrepancy.data.elementName,
            })
          : t('governance.discrepancy.detail')
      }
      data-testid="discrepancy-drawer"
    >
      <QueryState query={discrepancy}>{(d) => <DiscrepancyDetail discrepancy={d} />}</QueryState>
    </Drawer>
  );
}

function DiscrepancyDetail({ discrepancy: d }: { discrepancy: DiscrepancyView }) {
  const { t } = useTranslation();
  // the server decides: the element's verifier, inside its region, while the case is open
  const mayRule = d.canRule;
  const noValue = t('governance.discrepancy.noValue');

  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          {
            key: 'person',
            label: t('governance.queue.person'),
            children: <SubjectCell person={d.person} />,
          },
          {
            key: 'status',
            label: t('governance.discrepancy.status'),
            children: <DiscrepancyStatusTag status={d.status} />,
          },
          { key: 'element', label: t('governance.queue.element'), children: d.elementName },
          {
            key: 'due',
            label: t('governance.queue.dueAt'),
            children: d.status === 'open' ? <DueDate dueAt={d.dueAt} overdue={d.overdue} /> : '—',
          },
          {
            key: 'raised',
            label: t('governance.discrepancy.raisedAt'),
            children: formatDateTime(d.createdAt),
            span: 'filled',
          },
        ]}
      />
      <Row gutter={12}>
        <Col span={12}>
          <Card
            size="small"
            title={t('governance.discrepancy.ourValue')}
            style={{ height: '100%' }}
          >
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="our-value">
              {d.ourValueLabel ?? noValue}
            </Typography.Title>
            <Typography.Text type="secondary">
              {d.current
                ? t('governance.discrepancy.ourSource', {
                    name: d.current.collectedByName,
                    verifier: d.current.verifierName,
                  })
                : t('governance.discrepancy.ourSourceUnknown')}
            </Typography.Text>
          </Card>
        </Col>
        <Col span={12}>
          <Card
            size="small"
            title={t('governance.discrepancy.theirValueOf', { department: d.theirDepartmentName })}
            style={{ height: '100%', borderColor: '#ffbb96' }}
          >
            <Typography.Title
              level={4}
              style={{ margin: 0, color: '#d4380d' }}
              data-testid="their-value"
            >
              {d.theirValueLabel ?? noValue}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('governance.discrepancy.theirSource', { source: d.theirSource })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {d.status === 'ruled' && (
        <Card
          size="small"
          title={t('governance.discrepancy.rulingResult')}
          data-testid="ruling-result"
        >
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'value',
                label: t('governance.discrepancy.rulingValue'),
                children: (
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {d.rulingValueLabel ?? noValue}
                  </Tag>
                ),
              },
              {
                key: 'reason',
                label: t('governance.discrepancy.rulingReason'),
                children: d.rulingReason ?? '—',
              },
              {
                key: 'by',
                label: t('governance.discrepancy.ruledBy'),
                children: `${d.ruledByName ?? '—'} · ${formatDateTime(d.ruledAt)}`,
              },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('governance.discrepancy.currentStatus')}>
        {d.current ? (
          <ValueProvenance value={d.current} />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('governance.discrepancy.noStatus')}
          />
        )}
      </Card>
      {mayRule && <RulingForm discrepancy={d} />}
    </Flex>
  );
}
