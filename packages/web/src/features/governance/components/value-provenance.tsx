import type { ElementValueView } from '@shequ/core';
import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../ui/format';
import { knownSource } from '../../people/history-format';
import { ValueStatusTag } from './value-status-tag';

/**
 * Where a governed value comes from and how it stands: who collected it and how, which department
 * verifies it, who verified or ruled and when, the reason given, and how many comparisons agreed.
 */
export function ValueProvenance({ value }: { value: ElementValueView }) {
  const { t } = useTranslation();
  const source = knownSource(value.source);
  const verified = value.verifiedAt !== null;
  const items: { key: string; label: string; children: ReactNode }[] = [
    {
      key: 'status',
      label: t('governance.value.status'),
      children: <ValueStatusTag status={value.status} />,
    },
    { key: 'value', label: t('governance.value.current'), children: value.valueLabel ?? '—' },
  ];
  if (value.verifiedValue !== null && value.verifiedValue !== value.value) {
    items.push({
      key: 'verifiedValue',
      label: t('governance.value.verifiedValue'),
      children: value.verifiedValueLabel ?? value.verifiedValue,
    });
  }
  items.push(
    { key: 'verifier', label: t('governance.value.verifier'), children: value.verifierName },
    {
      key: 'collected',
      label: t('governance.value.collected'),
      children: t('governance.value.collectedBy', {
        name: value.collectedByName,
        at: formatDateTime(value.collectedAt),
        source: source ? t(`changeSource.${source}`) : value.source,
      }),
    },
  );
  if (verified) {
    items.push({
      key: 'verified',
      label: t('governance.value.verified'),
      children: [
        value.verifyingDepartmentName,
        value.verifiedByName,
        formatDateTime(value.verifiedAt),
      ]
        .filter(Boolean)
        .join(' · '),
    });
  }
  if (value.dueAt) {
    items.push({
      key: 'due',
      label: t('governance.value.due'),
      children: (
        <Typography.Text type={value.overdue ? 'danger' : undefined}>
          {formatDate(value.dueAt)}
          {value.overdue && ` ${t('governance.overdue')}`}
        </Typography.Text>
      ),
    });
  }
  if (value.reason) {
    items.push({ key: 'reason', label: t('governance.value.reason'), children: value.reason });
  }
  if (value.evidence) {
    items.push({
      key: 'evidence',
      label: t('governance.value.evidence'),
      children: value.evidence,
    });
  }
  items.push({
    key: 'corroborations',
    label: t('governance.value.corroborations'),
    children:
      value.corroborations === 0
        ? t('governance.value.noCorroboration')
        : t('governance.value.corroborationCount', {
            count: value.corroborations,
            at: formatDateTime(value.lastCorroboratedAt),
            department: value.lastCorroboratedByName ?? '',
          }),
  });
  return (
    <Descriptions
      size="small"
      column={1}
      items={items}
      styles={{ label: { whiteSpace: 'nowrap', width: 96 } }}
      data-testid="value-provenance"
    />
  );
}
