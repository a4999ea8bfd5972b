import {
  ExchangeClientCredentials,
  ExchangeClientView,
  ExchangeLogEntryView,
  ExchangeLogVerdict,
  pageOf,
  ReplayResult,
  SharingAgreementView,
  SubscriptionCredentials,
  WebhookDeliveryView,
  WebhookSubscriptionView,
  type CreateAgreementBody,
  type CreateExchangeClientBody,
  type CreateSubscriptionBody,
  type ExchangeOutcome,
  type WebhookDeliveryView as WebhookDelivery,
} from '@shequ/core';
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from '../../api/client';

interface Paging {
  page: number;
  pageSize: number;
}

export type ClientStatus = ExchangeClientView['status'];
export type AgreementStatus = SharingAgreementView['status'];
export type DeliveryStatus = WebhookDelivery['status'];

export interface ClientFilter {
  status?: ClientStatus;
}

export interface AgreementFilter {
  clientRef?: string;
  status?: AgreementStatus;
}

export interface SubscriptionFilter {
  agreementId?: string;
}

export interface ExchangeLogFilter {
  clientRef?: string;
  outcome?: ExchangeOutcome;
  /** ISO 8601 with offset. */
  from?: string;
  to?: string;
}

export const exchangeKeys = {
  all: ['exchange'] as const,
  clients: (params?: ClientFilter & Paging) =>
    [...exchangeKeys.all, 'clients', ...(params ? [params] : [])] as const,
  agreements: (params?: AgreementFilter & Paging) =>
    [...exchangeKeys.all, 'agreements', ...(params ? [params] : [])] as const,
  subscriptions: (params?: SubscriptionFilter & Paging) =>
    [...exchangeKeys.all, 'subscriptions', ...(params ? [params] : [])] as const,
  deliveries: (id?: string, params?: { status?: DeliveryStatus } & Paging) =>
    [...exchangeKeys.all, 'deliveries', ...(id ? [id] : []), ...(params ? [params] : [])] as const,
  log: (params?: ExchangeLogFilter & Paging) =>
    [...exchangeKeys.all, 'log', ...(params ? [params] : [])] as const,
};

const ClientPage = pageOf(ExchangeClientView);
const AgreementPage = pageOf(SharingAgreementView);
const SubscriptionPage = pageOf(WebhookSubscriptionView);
const DeliveryPage = pageOf(WebhookDeliveryView);
const LogPage = pageOf(ExchangeLogEntryView);

export const clientsQuery = (params: ClientFilter & Paging) =>
  queryOptions({
    queryKey: exchangeKeys.clients(params),
    queryFn: ({ signal }) =>
      api.get('/exchange-admin/clients', ClientPage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

/** Every client in the administrator's scope, for pickers (the server pages at most 200). */
export const clientOptionsQuery = clientsQuery({ page: 1, pageSize: 200 });

export const agreementsQuery = (params: AgreementFilter & Paging) =>
  queryOptions({
    queryKey: exchangeKeys.agreements(params),
    queryFn: ({ signal }) =>
      api.get('/exchange-admin/agreements', AgreementPage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

/** The agreements in force, for the subscription form's picker. */
export const activeAgreementsQuery = agreementsQuery({ status: 'active', page: 1, pageSize: 200 });

export const subscriptionsQuery = (params: SubscriptionFilter & Paging) =>
  queryOptions({
    queryKey: exchangeKeys.subscriptions(params),
    queryFn: ({ signal }) =>
      api.get('/exchange-admin/subscriptions', SubscriptionPage, {
        query: { ...params },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const deliveriesQuery = (id: string, params: { status?: DeliveryStatus } & Paging) =>
  queryOptions({
    queryKey: exchangeKeys.deliveries(id, params),
    queryFn: ({ signal }) =>
      api.get(`/exchange-admin/subscriptions/${id}/deliveries`, DeliveryPage, {
        query: { ...params },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const exchangeLogQuery = (params: ExchangeLogFilter & Paging) =>
  queryOptions({
    queryKey: exchangeKeys.log(params),
    queryFn: ({ signal }) =>
      api.get('/exchange-admin/log', LogPage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

/** After any change the lists are read again (a disabled client ends what it was given). */
const refresh = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: exchangeKeys.all });

function useExchangeMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => refresh(queryClient) });
}

/** Registers a client; the answer carries its secret, shown this once. */
export const useCreateClient = () =>
  useExchangeMutation((body: CreateExchangeClientBody) =>
    api.post('/exchange-admin/clients', ExchangeClientCredentials, body),
  );

/** Issues a new secret (shown once); the old one and its tokens stop working. */
export const useResetClientSecret = () =>
  useExchangeMutation((id: string) =>
    api.post(`/exchange-admin/clients/${id}/secret`, ExchangeClientCredentials),
  );

export const useDisableClient = () =>
  useExchangeMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post(`/exchange-admin/clients/${id}/disable`, ExchangeClientView, { reason }),
  );

export const useCreateAgreement = () =>
  useExchangeMutation((body: CreateAgreementBody) =>
    api.post('/exchange-admin/agreements', SharingAgreementView, body),
  );

export const useEndAgreement = () =>
  useExchangeMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post(`/exchange-admin/agreements/${id}/end`, SharingAgreementView, { reason }),
  );

/** Subscribes an agreement's events to a URL; the answer carries the signing secret, once. */
export const useCreateSubscription = () =>
  useExchangeMutation((body: CreateSubscriptionBody) =>
    api.post('/exchange-admin/subscriptions', SubscriptionCredentials, body),
  );

export const useDisableSubscription = () =>
  useExchangeMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post(`/exchange-admin/subscriptions/${id}/disable`, WebhookSubscriptionView, { reason }),
  );

/** Sends one delivery again now, with the same event id. */
export const useReplayDelivery = () =>
  useExchangeMutation((id: string) =>
    api.post(`/exchange-admin/deliveries/${id}/replay`, ReplayResult),
  );

/** Sends every event after a feed position to the subscription again. */
export const useReplaySubscription = () =>
  useExchangeMutation(({ id, fromPosition }: { id: string; fromPosition: number }) =>
    api.post(`/exchange-admin/subscriptions/${id}/replay`, ReplayResult, { fromPosition }),
  );

/** Walks the exchange log's hash chain on the server. */
export function useVerifyExchangeLog() {
  return useMutation({
    mutationFn: () => api.get('/exchange-admin/log/verify', ExchangeLogVerdict),
  });
}
