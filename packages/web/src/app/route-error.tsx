import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from '../features/errors/pages/not-found-page';

/** What a route shows when rendering or loading it failed, instead of a blank screen. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  // After a new release the old page's lazy chunks are gone; a reload fetches the new ones.
  const staleChunk =
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script/.test(error.message);
  return (
    <Result
      status="error"
      title={staleChunk ? t('error.newVersion') : t('error.pageCrashed')}
      subTitle={staleChunk ? t('error.newVersionDetail') : t('error.pageCrashedDetail')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
