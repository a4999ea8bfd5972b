import type { QueryClient } from '@tanstack/react-query';
import type { createBrowserRouter } from 'react-router';
import { onSessionExpired } from '../api/client';

type Router = ReturnType<typeof createBrowserRouter>;

/**
 * A 401 from any call means the session is gone (idle timeout, sign-out elsewhere): drop every
 * cached answer and go to the login page, coming back to the same page afterwards.
 */
export function installSessionExpiry(queryClient: QueryClient, router: Router): void {
  onSessionExpired(() => {
    const { pathname, search } = router.state.location;
    queryClient.clear();
    if (pathname === '/login') return;
    const back = encodeURIComponent(pathname + search);
    void router.navigate(`/login?expired=1&redirect=${back}`, { replace: true });
  });
}
