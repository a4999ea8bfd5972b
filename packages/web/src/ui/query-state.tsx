import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';

/** A failed load, shown in place of the content: forbidden, not found, or retry. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const apiError = isApiError(error) ? error : undefined;
  const status = apiError?.status;
  if (status === 403) {
    return <Result status="403" title={t('error.forbiddenTitle')} subTitle={apiError?.title} />;
  }
  if (status === 404) {
    return <Result status="404" title={t('error.notFoundTitle')} subTitle={apiError?.title} />;
  }
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={apiError ? (apiError.detail ?? apiError.title) : t('error.unexpected')}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}

interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** What to show while loading; a skeleton by default. */
  loading?: ReactNode;
}

/** Renders a query's data, or its loading and error states. */
export function QueryState<T>({ query, children, loading }: QueryStateProps<T>) {
  if (query.isPending) return <>{loading ?? <Skeleton active />}</>;
  if (query.isError)
    return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
