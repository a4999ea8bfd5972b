import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../ui/format';
import { QueryState } from '../../../ui/query-state';
import { personAsOfQuery } from '../api';
import { historyValue } from '../history-format';

/** 按日期查看: the person's values and registers as they stood at the end of a day. */
export function AsOfPanel({ personId, date }: { personId: string; date: string }) {
  const { t } = useTranslation();
  const asOf = useQuery(personAsOfQuery(personId, date));
  const words = { empty: '—', yes: t('common.yes'), no: t('common.no') };
  return (
    <QueryState query={asOf}>
      {(view) =>
        view.existed ? (
          <Flex vertical gap={12} data-testid="as-of-view">
            <Descriptions
              bordered
              size="small"
              title={t('history.asOfTitle', { date: formatDate(view.date) })}
              column={{ xs: 1, sm: 1, md: 2, xl: 1, xxl: 2 }}
              styles={{ label: { whiteSpace: 'nowrap' } }}
              items={view.attributes.map((attribute) => ({
                key: attribute.field,
                label: attribute.label,
                children: historyValue(attribute.value, words),
              }))}
            />
            <Flex gap={6} wrap align="center">
              {t('history.asOfGroups')}
              {view.groups.length === 0
                ? '—'
                : view.groups.map((group) => (
                    <Tag key={group.groupCode} color="purple">
                      {group.groupName}（{t('history.since', { date: formatDate(group.startDate) })}
                      ）
                    </Tag>
                  ))}
            </Flex>
          </Flex>
        ) : (
          <Alert
            type="info"
            showIcon
            title={t('history.notYet', { date: formatDate(view.date) })}
          />
        )
      }
    </QueryState>
  );
}
