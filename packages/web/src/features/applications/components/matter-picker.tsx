import { CheckCircleFilled, ClockCircleOutlined, ReadOutlined } from '@ant-design/icons';
import type { MatterSummary } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Drawer, Empty, Flex, Input, Row, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../ui/query-state';
import { matterQuery, mattersQuery } from '../api';
import { isMatterCategory, parseMatterDefinition } from '../matter-definition';
import { MatterDetail } from './matter-detail';

/** The matter's conditions, legal basis, materials and steps in a side drawer. */
export function MatterDrawer({
  summary,
  onClose,
  onChoose,
}: {
  summary: MatterSummary;
  onClose: () => void;
  onChoose?: () => void;
}) {
  const { t } = useTranslation();
  const matter = useQuery(matterQuery(summary.code));
  return (
    <Drawer
      open
      onClose={onClose}
      title={summary.name}
      size={720}
      destroyOnHidden
      footer={
        onChoose && (
          <Flex justify="flex-end">
            <Button type="primary" onClick={onChoose} data-testid="matter-drawer-choose">
              {t('applications.intake.chooseMatter')}
            </Button>
          </Flex>
        )
      }
      data-testid="matter-drawer"
    >
      <QueryState query={matter}>
        {(view) => (
          <MatterDetail summary={view} definition={parseMatterDefinition(view.definition)} />
        )}
      </QueryState>
    </Drawer>
  );
}

/**
 * Step ① of the intake: the city's enabled matters as cards — time limit, department, whether it
 * can be applied for online — with the details one click away.
 */
export function MatterPicker({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  const matters = useQuery(mattersQuery);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<MatterSummary>();
  const enabled = useMemo(
    () =>
      (matters.data ?? []).filter(
        (m) => m.enabled && (!search.trim() || m.name.includes(search.trim())),
      ),
    [matters.data, search],
  );

  return (
    <Flex vertical gap={16}>
      <Input.Search
        allowClear
        placeholder={t('applications.intake.searchMatter')}
        onChange={(event) => setSearch(event.target.value)}
        style={{ maxWidth: 360 }}
        data-testid="matter-search"
      />
      <QueryState query={matters}>
        {() =>
          enabled.length === 0 ? (
            <Empty description={t('applications.intake.noMatter')} />
          ) : (
            <Row gutter={[16, 16]}>
              {enabled.map((matter) => {
                const selected = matter.code === value;
                return (
                  <Col key={matter.code} xs={24} md={12} xl={8}>
                    <Card
                      size="small"
                      hoverable
                      onClick={() => onChange(matter.code)}
                      style={{
                        height: '100%',
                        borderColor: selected ? '#1456a8' : undefined,
                        boxShadow: selected ? '0 0 0 2px rgba(20,86,168,0.2)' : undefined,
                      }}
                      data-testid="matter-card"
                      data-code={matter.code}
                    >
                      <Flex vertical gap={8}>
                        <Flex justify="space-between" align="flex-start" gap={8}>
                          <Typography.Text strong style={{ fontSize: 15 }}>
                            {matter.name}
                          </Typography.Text>
                          {selected && (
                            <CheckCircleFilled style={{ color: '#1456a8', fontSize: 18 }} />
                          )}
                        </Flex>
                        <Flex gap={6} wrap>
                          <Tag style={{ marginInlineEnd: 0 }}>
                            {isMatterCategory(matter.category)
                              ? t(`applications.category.${matter.category}`)
                              : matter.category}
                          </Tag>
                          <Tag
                            icon={<ClockCircleOutlined />}
                            color="blue"
                            style={{ marginInlineEnd: 0 }}
                          >
                            {t('applications.timeLimit.workingDays', {
                              count: matter.timeLimitDays,
                            })}
                          </Tag>
                          {matter.online && (
                            <Tag color="green" style={{ marginInlineEnd: 0 }}>
                              {t('applications.matter.onlineYes')}
                            </Tag>
                          )}
                        </Flex>
                        <Flex justify="space-between" align="center">
                          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                            {matter.departmentName}
                          </Typography.Text>
                          <Button
                            type="link"
                            size="small"
                            icon={<ReadOutlined />}
                            onClick={(event) => {
                              event.stopPropagation();
                              setShown(matter);
                            }}
                            data-testid="matter-guide"
                          >
                            {t('applications.intake.matterGuide')}
                          </Button>
                        </Flex>
                      </Flex>
                    </Card>
                  </Col>
                );
              })}
            </Row>
          )
        }
      </QueryState>
      {shown && (
        <MatterDrawer
          summary={shown}
          onClose={() => setShown(undefined)}
          onChoose={() => {
            onChange(shown.code);
            setShown(undefined);
          }}
        />
      )}
    </Flex>
  );
}
