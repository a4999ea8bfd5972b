import type { ApplicationStatistics, StatisticsQuery } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Flex, Row, Segmented, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { statisticsQuery } from '../api';
import { EChart, type ChartOption } from '../components/echart';
import { RegionBreadcrumb } from '../components/region-breadcrumb';
import {
  canDrillInto,
  drillBack,
  drillInto,
  drilledRegionCode,
  type DrilledRegion,
} from '../region-drill';
import { formatRate, hoursToDaysAndHours, ratePercent, thisYear } from '../report-format';

type StatisticsRow = ApplicationStatistics['rows'][number];
type GroupBy = StatisticsQuery['groupBy'];

const RECEIVED = '#1456a8';
const DECIDED = '#52c41a';
const ON_TIME = '#13a8a8';

/**
 * 办件统计: how applications went in a period, by matter, sub-region or department — received,
 * decided, on-time rate, average handling time, returned for supplement, rejected — with charts,
 * and a click on a region going down into it.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => thisYear(dayjs()));
  const [groupBy, setGroupBy] = useState<GroupBy>('matter');
  const [path, setPath] = useState<DrilledRegion[]>([]);
  const regionCode = drilledRegionCode(path);
  const statistics = useQuery(
    statisticsQuery({
      groupBy,
      ...(regionCode ? { regionCode } : {}),
      from: period[0].format('YYYY-MM-DD'),
      to: period[1].format('YYYY-MM-DD'),
    }),
  );

  const hours = (value: number | null) => {
    if (value === null) return '—';
    if (value < 0.5) return t('applications.statistics.underAnHour');
    const parts = hoursToDaysAndHours(value);
    return parts.days > 0
      ? t('applications.statistics.daysHours', parts)
      : t('applications.statistics.hours', { count: parts.hours });
  };

  const [volumeOption, rateOption] = useMemo((): [ChartOption, ChartOption] => {
    const rows = statistics.data?.rows ?? [];
    const names = rows.map((r) => r.name);
    const axisLabel = {
      interval: 0,
      rotate: rows.length > 5 ? 30 : 0,
      width: 120,
      overflow: 'truncate' as const,
    };
    const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
    return [
      {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid,
        xAxis: { type: 'category', data: names, axisLabel },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('applications.statistics.received'),
            type: 'bar',
            barMaxWidth: 48,
            itemStyle: { color: RECEIVED },
            data: rows.map((r) => r.received),
          },
          {
            name: t('applications.statistics.decided'),
            type: 'bar',
            barMaxWidth: 48,
            itemStyle: { color: DECIDED },
            data: rows.map((r) => r.decided),
          },
        ],
      },
      {
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '—' : `${String(v)}%`) },
        legend: { top: 0 },
        grid,
        xAxis: { type: 'category', data: names, axisLabel },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            name: t('applications.statistics.onTimeRate'),
            type: 'bar',
            barMaxWidth: 40,
            itemStyle: { color: ON_TIME },
            label: { show: true, position: 'top', formatter: '{c}%' },
            data: rows.map((r) => ratePercent(r.onTimeRate)),
          },
        ],
      },
    ];
  }, [statistics.data, t]);

  const drillable = groupBy === 'region';

  return (
    <PageContainer
      title={t('nav.applicationStatistics')}
      description={t('applications.statistics.pageDescription')}
    >
      <Card size="small">
        <Flex gap={16} wrap align="center">
          <Flex gap={8} align="center">
            <Typography.Text>{t('applications.statistics.period')}</Typography.Text>
            <DatePicker.RangePicker
              value={period}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(range) => {
                if (range?.[0] && range[1]) setPeriod([range[0], range[1]]);
              }}
              data-testid="statistics-period"
            />
          </Flex>
          <Flex gap={8} align="center">
            <Typography.Text>{t('applications.statistics.groupBy')}</Typography.Text>
            <Segmented<GroupBy>
              value={groupBy}
              onChange={setGroupBy}
              options={(['matter', 'region', 'department'] as const).map((value) => ({
                value,
                label: t(`applications.statistics.by.${value}`),
              }))}
              data-testid="statistics-group-by"
            />
          </Flex>
        </Flex>
      </Card>
      <RegionBreadcrumb path={path} onBack={(index) => setPath(drillBack(path, index))} />
      <QueryState query={statistics}>
        {(data) => (
          <Flex vertical gap={16}>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card size="small" title={t('applications.statistics.volumeChart')}>
                  <EChart option={volumeOption} height={300} testId="statistics-volume-chart" />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={t('applications.statistics.rateChart')}>
                  <EChart option={rateOption} height={300} testId="statistics-rate-chart" />
                </Card>
              </Col>
            </Row>
            <Table<StatisticsRow>
              size="middle"
              rowKey="key"
              dataSource={data.rows}
              pagination={false}
              loading={statistics.isFetching && statistics.isPlaceholderData}
              data-testid="statistics-table"
              locale={{ emptyText: t('applications.statistics.empty') }}
              onRow={(row) =>
                drillable && canDrillInto(row.key)
                  ? {
                      'data-key': row.key,
                      style: { cursor: 'pointer' },
                      onClick: () => setPath(drillInto(path, { code: row.key, name: row.name })),
                    }
                  : { 'data-key': row.key }
              }
              columns={[
                {
                  title: t(`applications.statistics.by.${groupBy}`),
                  dataIndex: 'name',
                  render: (name: string, row) =>
                    drillable && canDrillInto(row.key) ? <a>{name}</a> : name,
                },
                {
                  title: t('applications.statistics.received'),
                  dataIndex: 'received',
                  align: 'right',
                  width: 100,
                },
                {
                  title: t('applications.statistics.decided'),
                  dataIndex: 'decided',
                  align: 'right',
                  width: 100,
                },
                {
                  title: t('applications.statistics.onTimeRate'),
                  dataIndex: 'onTimeRate',
                  align: 'right',
                  width: 110,
                  render: (rate: number | null, row) => (
                    <span title={t('applications.statistics.onTimeOf', row)}>
                      {formatRate(rate)}
                    </span>
                  ),
                },
                {
                  title: t('applications.statistics.averageTime'),
                  dataIndex: 'averageHours',
                  align: 'right',
                  width: 130,
                  render: hours,
                },
                {
                  title: t('applications.statistics.returned'),
                  dataIndex: 'returned',
                  align: 'right',
                  width: 100,
                },
                {
                  title: t('applications.statistics.rejected'),
                  dataIndex: 'rejected',
                  align: 'right',
                  width: 100,
                },
              ]}
            />
          </Flex>
        )}
      </QueryState>
    </PageContainer>
  );
}
