import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Flex, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../ui/query-state';
import { personHistoryQuery } from '../api';
import { AsOfPanel } from './as-of-panel';
import { HistoryTimeline } from './history-timeline';

/** 变更历史: every recorded change, and the person as of a chosen day. */
export function HistoryTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const history = useQuery(personHistoryQuery(personId));
  const [date, setDate] = useState<Dayjs | null>(null);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={date ? 12 : 24}>
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('history.asOf')}</Typography.Text>
            <DatePicker
              value={date}
              onChange={setDate}
              maxDate={dayjs()}
              allowClear
              placeholder={t('history.asOfPlaceholder')}
              data-testid="history-as-of"
            />
          </Flex>
          <QueryState query={history}>
            {(entries) => <HistoryTimeline entries={entries} />}
          </QueryState>
        </Flex>
      </Col>
      {date && (
        <Col xs={24} xl={12}>
          <Card size="small">
            <AsOfPanel personId={personId} date={date.format('YYYY-MM-DD')} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
