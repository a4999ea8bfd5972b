import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { QueryState } from '../../../ui/query-state';
import { matterVersionsQuery } from '../api';

/** 版本记录: each version of a matter with who saved it, when, why, and what it changed. */
export function MatterVersions({ code }: { code: string }) {
  const { t } = useTranslation();
  const versions = useQuery(matterVersionsQuery(code));
  return (
    <Card size="small" title={t('applications.matter.versions')} data-testid="matter-versions">
      <QueryState query={versions}>
        {(list) => (
          <Timeline
            items={list.map((v, i) => ({
              key: v.version,
              color: i === 0 ? 'blue' : 'gray',
              children: (
                <Flex vertical gap={2}>
                  <Flex gap={8} wrap align="baseline">
                    <Typography.Text strong>
                      {t('applications.matter.versionTitle', { version: v.version })}
                    </Typography.Text>
                    {v.enabled !== null && (
                      <Tag color={v.enabled ? 'success' : 'default'}>
                        {v.enabled
                          ? t('applications.matter.enable')
                          : t('applications.matter.disable')}
                      </Tag>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {v.actorName} · {formatDateTime(v.changedAt)}
                    </Typography.Text>
                  </Flex>
                  {v.reason && (
                    <Typography.Text>
                      {t('applications.matter.reasonLine', { reason: v.reason })}
                    </Typography.Text>
                  )}
                  {v.changes.length > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {v.changes.map((line) => (
                        <li key={line}>
                          <Typography.Text type="secondary">{line}</Typography.Text>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Typography.Text type="secondary">
                      {v.version === list.at(-1)?.version
                        ? t('applications.matter.firstVersion')
                        : t('applications.matter.onlyEnabled')}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            }))}
          />
        )}
      </QueryState>
    </Card>
  );
}
