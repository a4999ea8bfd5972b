import type { ApplicationBoard } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { boardQuery } from '../api';
import { EChart, type ChartOption } from '../components/echart';
import { RegionBreadcrumb } from '../components/region-breadcrumb';
import {
  canDrillInto,
  drillBack,
  drillInto,
  drilledRegionCode,
  type DrilledRegion,
} from '../region-drill';

type BoardRow = ApplicationBoard['rows'][number];

const WARNING = '#faad14';
const OVERDUE = '#f5222d';

/** A count that draws the eye only when it is not zero. */
function Count({ value, color, testId }: { value: number; color?: string; testId?: string }) {
  return (
    <Typography.Text
      strong={value > 0 && color !== undefined}
      type={value === 0 ? 'secondary' : undefined}
      style={value > 0 && color ? { color } : undefined}
      data-testid={testId}
    >
      {value}
    </Typography.Text>
  );
}

function totals(rows: readonly BoardRow[]) {
  const sum = (key: keyof Omit<BoardRow, 'regionCode' | 'regionName'>) =>
    rows.reduce((n, row) => n + row[key], 0);
  return {
    open: sum('open'),
    warning: sum('warning'),
    overdue: sum('overdue'),
    supplement: sum('supplement'),
    extensionRequests: sum('extensionRequests'),
  };
}

/**
 * 督办看板: the applications still open in each sub-region of the user's scope — 预警 in yellow,
 * 超期 in red, 待补正 and 延期申请 — with a click on a row going down into that region.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const [path, setPath] = useState<DrilledRegion[]>([]);
  const board = useQuery(boardQuery(drilledRegionCode(path)));

  const option = useMemo((): ChartOption => {
    const rows = board.data?.rows ?? [];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.regionName),
        axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('applications.board.warning'),
          type: 'bar',
          stack: 'late',
          barMaxWidth: 48,
          itemStyle: { color: WARNING },
          data: rows.map((r) => r.warning),
        },
        {
          name: t('applications.board.overdue'),
          type: 'bar',
          stack: 'late',
          barMaxWidth: 48,
          itemStyle: { color: OVERDUE },
          data: rows.map((r) => r.overdue),
        },
      ],
    };
  }, [board.data, t]);

  return (
    <PageContainer
      title={t('nav.applicationBoard')}
      description={t('applications.board.pageDescription')}
    >
      <RegionBreadcrumb path={path} onBack={(index) => setPath(drillBack(path, index))} />
      <QueryState query={board}>
        {(data) => {
          const sum = totals(data.rows);
          return (
            <Flex vertical gap={16}>
              <Row gutter={[16, 16]} data-testid="board-totals">
                {(
                  [
                    ['open', undefined],
                    ['warning', WARNING],
                    ['overdue', OVERDUE],
                    ['supplement', undefined],
                    ['extensionRequests', undefined],
                  ] as const
                ).map(([key, color]) => (
                  <Col key={key} xs={12} md={8} xl={4}>
                    <Card size="small">
                      <Statistic
                        title={t(`applications.board.${key}`)}
                        value={sum[key]}
                        styles={color && sum[key] > 0 ? { content: { color } } : undefined}
                      />
                    </Card>
                  </Col>
                ))}
                <Col xs={12} md={8} xl={4}>
                  <Card size="small">
                    <Statistic title={t('applications.board.today')} value={data.today} />
                  </Card>
                </Col>
              </Row>
              <Card size="small" title={t('applications.board.chartTitle')}>
                {sum.warning + sum.overdue > 0 ? (
                  <EChart option={option} height={300} testId="board-chart" />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('applications.board.noneLate')}
                    data-testid="board-chart-empty"
                  />
                )}
              </Card>
              <Table<BoardRow>
                size="middle"
                rowKey="regionCode"
                dataSource={data.rows}
                pagination={false}
                loading={board.isFetching && board.isPlaceholderData}
                data-testid="board-table"
                locale={{ emptyText: t('applications.board.empty') }}
                onRow={(row) => ({
                  'data-region': row.regionCode,
                  style: canDrillInto(row.regionCode) ? { cursor: 'pointer' } : undefined,
                  onClick: () =>
                    setPath(drillInto(path, { code: row.regionCode, name: row.regionName })),
                })}
                summary={() =>
                  data.rows.length > 1 ? (
                    <Table.Summary.Row style={{ background: '#fafafa' }}>
                      <Table.Summary.Cell index={0}>
                        <Typography.Text strong>{t('applications.board.total')}</Typography.Text>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        <Count value={sum.open} />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">
                        <Count value={sum.warning} color={WARNING} />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">
                        <Count value={sum.overdue} color={OVERDUE} />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">
                        <Count value={sum.supplement} />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">
                        <Count value={sum.extensionRequests} />
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  ) : null
                }
                columns={[
                  {
                    title: t('applications.board.region'),
                    dataIndex: 'regionName',
                    render: (name: string, row) =>
                      canDrillInto(row.regionCode) ? <a>{name}</a> : name,
                  },
                  {
                    title: t('applications.board.open'),
                    dataIndex: 'open',
                    align: 'right',
                    width: 120,
                    render: (value: number) => <Count value={value} />,
                  },
                  {
                    title: t('applications.board.warning'),
                    dataIndex: 'warning',
                    align: 'right',
                    width: 120,
                    render: (value: number) => (
                      <Count value={value} color={WARNING} testId="board-warning" />
                    ),
                  },
                  {
                    title: t('applications.board.overdue'),
                    dataIndex: 'overdue',
                    align: 'right',
                    width: 120,
                    render: (value: number) => (
                      <Count value={value} color={OVERDUE} testId="board-overdue" />
                    ),
                  },
                  {
                    title: t('applications.board.supplement'),
                    dataIndex: 'supplement',
                    align: 'right',
                    width: 120,
                    render: (value: number) => <Count value={value} />,
                  },
                  {
                    title: t('applications.board.extensionRequests'),
                    dataIndex: 'extensionRequests',
                    align: 'right',
                    width: 120,
                    render: (value: number) => <Count value={value} />,
                  },
                ]}
              />
            </Flex>
          );
        }}
      </QueryState>
    </PageContainer>
  );
}
