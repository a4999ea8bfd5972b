import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { UiProvider } from '../ui/ui-provider';
import { AppErrorBoundary } from './error-boundary';
import { createQueryClient } from './query-client';
import { createRouter } from './router';
import { installSessionExpiry } from './session-expiry';

const queryClient = createQueryClient();
const router = createRouter();
installSessionExpiry(queryClient, router);

/** The whole client: error boundary, server state, Ant Design, routes. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <UiProvider>
        <AppErrorBoundary>
          <RouterProvider router={router} />
        </AppErrorBoundary>
      </UiProvider>
    </QueryClientProvider>
  );
}
