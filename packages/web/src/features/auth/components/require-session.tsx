import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorResult } from '../../../ui/query-state';
import { FullPageSpin } from '../../../ui/full-page-spin';
import { sessionQuery } from '../api';

/** Lets only a fully signed-in session through; everyone else goes to the login page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useQuery(sessionQuery);
  const location = useLocation();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) {
    return <ErrorResult error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (session.data.stage !== 'full') {
    const back = location.pathname + location.search;
    const search = back === '/' ? '' : `?redirect=${encodeURIComponent(back)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  return <>{children}</>;
}
