import { exchangeOutcomes, webhookDeliveryStatuses } from '@shequ/core';
import type {
  AgreementFilter,
  ClientFilter,
  DeliveryStatus,
  ExchangeLogFilter,
  SubscriptionFilter,
} from './api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the address, if it is one the server would accept. */
const uuid = (value: string | null) => (value && UUID.test(value) ? value : undefined);

/** A time from the address, if it parses as an ISO 8601 time with an offset. */
function isoTime(value: string | null): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

export function readClientFilter(params: URLSearchParams): ClientFilter {
  const status = params.get('status');
  return { status: status === 'active' || status === 'disabled' ? status : undefined };
}

export function readAgreementFilter(params: URLSearchParams): AgreementFilter {
  const status = params.get('status');
  return {
    clientRef: uuid(params.get('clientRef')),
    status: status === 'active' || status === 'ended' ? status : undefined,
  };
}

export function readSubscriptionFilter(params: URLSearchParams): SubscriptionFilter {
  return { agreementId: uuid(params.get('agreementId')) };
}

/** The exchange log's filter from the address, dropping values the server would refuse. */
export function readExchangeLogFilter(params: URLSearchParams): ExchangeLogFilter {
  return {
    clientRef: uuid(params.get('clientRef')),
    outcome: exchangeOutcomes.find((o) => o === params.get('outcome')),
    from: isoTime(params.get('from')),
    to: isoTime(params.get('to')),
  };
}

export function deliveryStatusOf(value: string | undefined): DeliveryStatus | undefined {
  return webhookDeliveryStatuses.find((s) => s === value);
}
