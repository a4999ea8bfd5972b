import type { ExchangeOutcome } from '@shequ/core';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgreementState } from '../agreement-form';
import type { ClientStatus, DeliveryStatus } from '../api';

const tagStyle = { marginInlineEnd: 0 };

/** 启用 / 已停用 (with the reason on hover), for clients and subscriptions alike. */
export function ActiveTag({ status, reason }: { status: ClientStatus; reason?: string | null }) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={status === 'active' ? 'success' : 'default'} style={tagStyle} data-status={status}>
      {t(`exchange.activeStatus.${status}`)}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

const agreementColors: Record<AgreementState, string> = {
  inForce: 'success',
  notYet: 'processing',
  expired: 'warning',
  ended: 'default',
};

/** 生效中 / 未生效 / 已过期 / 已终止. */
export function AgreementStateTag({
  state,
  reason,
}: {
  state: AgreementState;
  reason?: string | null;
}) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={agreementColors[state]} style={tagStyle} data-state={state}>
      {t(`exchange.agreementState.${state}`)}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

const deliveryColors: Record<DeliveryStatus, string> = {
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** 待投递 / 已送达 / 投递失败 / 已取消. */
export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={deliveryColors[status]} style={tagStyle} data-status={status}>
      {t(`exchange.deliveryStatus.${status}`)}
    </Tag>
  );
}

const outcomeColors: Record<ExchangeOutcome, string> = {
  allowed: 'success',
  refused: 'error',
  not_found: 'warning',
  error: 'magenta',
};

/** 已允许 / 已拒绝 / 未找到 / 出错. */
export function ExchangeOutcomeTag({ outcome }: { outcome: ExchangeOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={outcomeColors[outcome]} style={tagStyle} data-outcome={outcome}>
      {t(`exchangeOutcome.${outcome}`)}
    </Tag>
  );
}
