import type { DataElementView } from '@shequ/core';
import { Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildResponsibilityMatrix,
  responsibilityOf,
  type MatrixRow,
} from '../responsibility-matrix';

const markColor = '#1456a8';

/** ● verifies (a filled dot), ○ compares (a ring); drawn, so they read the same in every font. */
function Mark({ kind, title }: { kind: 'verifies' | 'compares'; title?: string }) {
  return (
    <span
      title={title}
      data-responsibility={kind}
      style={{
        display: 'inline-block',
        width: 12,
        height: 12,
        borderRadius: '50%',
        verticalAlign: 'middle',
        boxSizing: 'border-box',
        border: `2px solid ${markColor}`,
        background: kind === 'verifies' ? markColor : 'transparent',
      }}
    />
  );
}

/**
 * 责任矩阵: every element (grouped by subject: the person, then each register) against the
 * department types; ● the one that verifies it, ○ those that compare it.
 */
export function ResponsibilityMatrixTable({ elements }: { elements: readonly DataElementView[] }) {
  const { t } = useTranslation();
  const matrix = useMemo(() => buildResponsibilityMatrix(elements), [elements]);
  const span = matrix.columns.length + 1;

  return (
    <Flex vertical gap={12}>
      <Flex gap={24} wrap>
        <Typography.Text>
          <Mark kind="verifies" /> {t('governance.matrix.verifies')}
        </Typography.Text>
        <Typography.Text>
          <Mark kind="compares" /> {t('governance.matrix.compares')}
        </Typography.Text>
        <Typography.Text type="secondary">{t('governance.matrix.hint')}</Typography.Text>
      </Flex>
      <Table<MatrixRow>
        size="small"
        bordered
        rowKey="key"
        dataSource={matrix.rows}
        pagination={false}
        sticky={{ offsetHeader: 60 }}
        data-testid="responsibility-matrix"
        columns={[
          {
            title: t('governance.matrix.element'),
            key: 'element',
            width: 240,
            onCell: (row) => ({
              colSpan: row.kind === 'subject' ? span : 1,
              style: row.kind === 'subject' ? { background: '#f5f7fa' } : undefined,
            }),
            render: (_, row) =>
              row.kind === 'subject' ? (
                <Flex gap={8} align="center">
                  <Typography.Text strong>
                    {row.subject.kind === 'person'
                      ? t('governance.matrix.person')
                      : t('governance.matrix.register', { name: row.subject.name })}
                  </Typography.Text>
                  <Tag style={{ marginInlineEnd: 0 }}>
                    {t('governance.matrix.count', { count: row.count })}
                  </Tag>
                </Flex>
              ) : (
                <Tooltip title={row.element.code} placement="right">
                  <span>{row.element.name}</span>
                </Tooltip>
              ),
          },
          ...matrix.columns.map((column) => ({
            title: column.shortName,
            key: column.code,
            width: 60,
            align: 'center' as const,
            onCell: (row: MatrixRow) => ({ colSpan: row.kind === 'subject' ? 0 : 1 }),
            render: (_: unknown, row: MatrixRow) => {
              if (row.kind !== 'element') return null;
              const r = responsibilityOf(row.element, column.code);
              return r ? <Mark kind={r} title={t(`governance.matrix.${r}`)} /> : null;
            },
          })),
        ]}
      />
    </Flex>
  );
}
