import type { ImportJobView } from '@shequ/core';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '../api';

const outcomeColors: Record<ImportOutcome, string> = {
  create: '#389e0d',
  update: '#1456a8',
  unchanged: '#8c8c8c',
  reject: '#cf1322',
};

/** 新增 / 更新 / 无变化 / 拒绝 as four statistic cards; a card can filter the rows below. */
export function ImportCounts({
  job,
  onPick,
}: {
  job: ImportJobView;
  onPick?: (outcome: ImportOutcome) => void;
}) {
  const { t } = useTranslation();
  const counts: Record<ImportOutcome, number> = {
    create: job.createRows,
    update: job.updateRows,
    unchanged: job.unchangedRows,
    reject: job.rejectedRows,
  };
  return (
    <Row gutter={[16, 16]} data-testid="import-counts">
      {(Object.keys(counts) as ImportOutcome[]).map((outcome) => (
        <Col key={outcome} xs={12} md={6}>
          <Card
            size="small"
            hoverable={Boolean(onPick)}
            onClick={onPick && (() => onPick(outcome))}
            data-testid={`import-count-${outcome}`}
          >
            <Statistic
              title={t(`importOutcome.${outcome}`)}
              value={counts[outcome]}
              suffix={t('importJob.rowsUnit')}
              styles={{ content: { color: outcomeColors[outcome] } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
