import type { UseQueryResult } from '@tanstack/react-query';
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Space, Table, type TableProps } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorResult } from './query-state';

export interface PageParams {
  page: number;
  pageSize: number;
}

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * A list's filter and page kept in the address, so a reload or a shared link keeps them.
 * `readFilter` picks the filter out of the query string (dropping values it does not know).
 */
export function usePagedSearch<F extends object>(readFilter: (params: URLSearchParams) => F) {
  const [searchParams, setSearchParams] = useSearchParams();
  const read = readFilter(searchParams);
  // The same filter object while its content stays the same: filter forms copy it into their
  // fields when it changes, which must not wipe what the user is typing on every re-render.
  const key = JSON.stringify(read);
  const filter = useMemo(() => read, [key]);
  const page = positive(searchParams.get('page'), 1);
  const pageSize = Math.min(positive(searchParams.get('pageSize'), 20), 200);
  const write = (next: F & PageParams) =>
    setSearchParams(
      Object.fromEntries(
        Object.entries(next)
          .filter(([, value]) => value !== undefined && value !== '')
          .map(([key, value]) => [key, String(value)]),
      ),
    );
  return {
    filter,
    page,
    pageSize,
    /** A new search starts again on the first page. */
    search: (next: F) => write({ ...next, page: 1, pageSize }),
    /** A new page size starts again on the first page. */
    paginate: (nextPage: number, nextSize: number) =>
      write({ ...filter, page: nextSize === pageSize ? nextPage : 1, pageSize: nextSize }),
  };
}

interface PagedTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  /** The server's page of rows. */
  query: UseQueryResult<{ items: T[]; total: number }>;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  /** The filter form shown above the table, in its own card. */
  filter: ReactNode;
  'data-testid'?: string;
}

/**
 * The ProTable-style list: a filter card above a table whose paging is done by the server, with
 * the load error shown in place of the table.
 */
export function PagedTable<T extends object>({
  query,
  page,
  pageSize,
  onPageChange,
  filter,
  ...tableProps
}: PagedTableProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      <Card size="small">{filter}</Card>
      <Card size="small">
        {query.isError ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<T>
            size="middle"
            scroll={{ x: 1150 }}
            {...tableProps}
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            pagination={{
              current: page,
              pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: true,
              showQuickJumper: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: onPageChange,
            }}
          />
        )}
      </Card>
    </>
  );
}

/** The search and reset buttons that end a filter row. */
export function FilterActions({
  onReset,
  searchTestId,
}: {
  onReset: () => void;
  searchTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item>
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SearchOutlined />}
          data-testid={searchTestId}
        >
          {t('common.search')}
        </Button>
        <Button onClick={onReset}>{t('common.reset')}</Button>
      </Space>
    </Form.Item>
  );
}
