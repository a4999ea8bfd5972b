import type { HistoryEntry } from '@shequ/core';
import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { historyValue, isEmpty, knownSource, type ChangeSource } from '../history-format';

const opColors = { insert: 'green', update: 'blue', delete: 'red' } as const;
const sourceColors: Partial<Record<ChangeSource, string>> = {
  form: 'blue',
  import: 'purple',
  merge: 'orange',
};

/** The changes worth a line: a new or removed record's empty values say nothing. */
function shownChanges(entry: HistoryEntry) {
  if (entry.op === 'update') return entry.changes;
  return entry.changes.filter(
    (change) => !isEmpty(entry.op === 'delete' ? change.old : change.new),
  );
}

/**
 * 变更历史, newest first: when, who, from where (表单/导入/合并), why, and each change as
 * 字段：旧 → 新 (a new record lists its values, a removed one what it had).
 */
export function HistoryTimeline({ entries }: { entries: HistoryEntry[] }) {
  const { t } = useTranslation();
  const words = { empty: t('history.empty'), yes: t('common.yes'), no: t('common.no') };
  if (entries.length === 0) return <Empty description={t('history.none')} />;

  return (
    <Timeline
      data-testid="history-timeline"
      items={entries.map((entry) => {
        const source = knownSource(entry.source);
        return {
          key: entry.seq,
          color: opColors[entry.op],
          content: (
            <Flex vertical gap={4} data-testid="history-entry">
              <Flex gap={6} wrap align="center">
                <Typography.Text type="secondary">
                  {formatDateTime(entry.changedAt)}
                </Typography.Text>
                <Typography.Text strong>{entry.actorName}</Typography.Text>
                <Tag color={(source && sourceColors[source]) ?? 'default'}>
                  {source ? t(`changeSource.${source}`) : entry.source}
                </Tag>
                <Typography.Text>
                  {t(`changeOp.${entry.op}`)} · {entry.entity}
                </Typography.Text>
              </Flex>
              {entry.reason && (
                <Typography.Text type="secondary">
                  {t('history.reason', { reason: entry.reason })}
                </Typography.Text>
              )}
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {shownChanges(entry).map((change) => (
                  <li key={change.field}>
                    <Typography.Text type="secondary">{change.label}：</Typography.Text>
                    {entry.op === 'update'
                      ? `${historyValue(change.old, words)} → ${historyValue(change.new, words)}`
                      : historyValue(entry.op === 'delete' ? change.old : change.new, words)}
                  </li>
                ))}
              </ul>
            </Flex>
          ),
        };
      })}
    />
  );
}
