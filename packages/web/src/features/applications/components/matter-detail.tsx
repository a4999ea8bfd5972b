import { departmentTypes, type MatterSummary } from '@shequ/core';
import { Alert, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatterDefinition } from '../matter-definition';

const departmentShortName = (code: string | undefined) =>
  departmentTypes.find((d) => d.code === code)?.shortName ?? code ?? '';

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Flex vertical gap={6}>
      <Typography.Text strong>{title}</Typography.Text>
      {children}
    </Flex>
  );
}

function NumberedList({ items, testId }: { items: readonly string[]; testId: string }) {
  return (
    <ol style={{ margin: 0, paddingInlineStart: 22 }} data-testid={testId}>
      {items.map((item) => (
        <li key={item} style={{ lineHeight: 1.8 }}>
          {item}
        </li>
      ))}
    </ol>
  );
}

/**
 * A service matter as a window reads it out: who handles it, the time limit, the fee, the
 * conditions, the legal basis, the materials (required or not, in what form) and the steps.
 */
export function MatterDetail({
  summary,
  definition,
}: {
  summary: MatterSummary;
  definition: MatterDefinition | undefined;
}) {
  const { t } = useTranslation();
  if (!definition) {
    return <Alert type="error" showIcon title={t('applications.matter.badDefinition')} />;
  }
  return (
    <Flex vertical gap={20} data-testid="matter-detail">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'department',
            label: t('applications.matter.department'),
            children: summary.departmentName,
          },
          {
            key: 'category',
            label: t('applications.matter.category'),
            children: t(`applications.category.${definition.category}`),
          },
          {
            key: 'timeLimit',
            label: t('applications.matter.timeLimit'),
            children: t('applications.timeLimit.workingDays', { count: definition.timeLimitDays }),
          },
          { key: 'fee', label: t('applications.matter.fee'), children: definition.fee },
          {
            key: 'accept',
            label: t('applications.matter.acceptLevel'),
            children: t(`level.${definition.acceptLevel}`),
          },
          {
            key: 'decide',
            label: t('applications.matter.decideLevel'),
            children: t(`level.${definition.decideLevel}`),
          },
          {
            key: 'online',
            label: t('applications.matter.online'),
            children: definition.online ? (
              <Tag color="blue">{t('applications.matter.onlineYes')}</Tag>
            ) : (
              <Tag>{t('applications.matter.onlineNo')}</Tag>
            ),
          },
          {
            key: 'result',
            label: t('applications.matter.result'),
            children: definition.result.title,
          },
        ]}
      />
      <Section title={t('applications.matter.conditions')}>
        <NumberedList items={definition.conditions} testId="matter-conditions" />
      </Section>
      <Section title={t('applications.matter.legalBasis')}>
        <NumberedList items={definition.legalBasis} testId="matter-legal-basis" />
      </Section>
      <Section title={t('applications.matter.materials')}>
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={definition.materials}
          data-testid="matter-materials"
          columns={[
            {
              title: t('applications.matter.materialName'),
              dataIndex: 'name',
              render: (name: string, m) => (
                <Flex vertical gap={0}>
                  <span>{name}</span>
                  {m.note && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.note}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t('applications.matter.materialRequired'),
              dataIndex: 'required',
              width: 90,
              render: (required: boolean) =>
                required ? (
                  <Tag color="red">{t('applications.matter.required')}</Tag>
                ) : (
                  <Tag>{t('applications.matter.optional')}</Tag>
                ),
            },
            {
              title: t('applications.matter.materialForm'),
              dataIndex: 'form',
              width: 170,
              render: (form: string | undefined) => form ?? '—',
            },
          ]}
        />
      </Section>
      <Section title={t('applications.matter.steps')}>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={definition.steps}
          columns={[
            {
              title: '#',
              key: 'index',
              width: 44,
              render: (_, __, index) => index + 1,
            },
            { title: t('applications.matter.stepName'), dataIndex: 'name' },
            {
              title: t('applications.matter.stepKind'),
              dataIndex: 'kind',
              width: 80,
              render: (kind: MatterDefinition['steps'][number]['kind']) =>
                t(`applications.stepKind.${kind}`),
            },
            {
              title: t('applications.matter.stepHandler'),
              key: 'handler',
              render: (_, step) =>
                [
                  t(`level.${step.level}`),
                  step.countersign?.length
                    ? step.countersign.map(departmentShortName).join('、')
                    : step.departmentType
                      ? departmentShortName(step.departmentType)
                      : t(`role.${step.role}`),
                ].join(' · '),
            },
            {
              title: t('applications.matter.stepDays'),
              dataIndex: 'days',
              width: 110,
              render: (days: number) => t('applications.timeLimit.workingDays', { count: days }),
            },
          ]}
        />
      </Section>
    </Flex>
  );
}
