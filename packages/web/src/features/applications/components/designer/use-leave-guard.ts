import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

/**
 * Asks before unsaved changes are left behind: a link or the back button inside the app asks in a
 * dialog, closing or reloading the tab asks the browser's own question. `allowLeave` lets the
 * navigation after a save through.
 */
export function useLeaveGuard(dirty: boolean): { allowLeave: () => void } {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  const allowed = useRef(false);
  const asking = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !allowed.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('applications.designer.leave.title'),
      content: t('applications.designer.leave.content'),
      okText: t('applications.designer.leave.ok'),
      okButtonProps: { danger: true },
      cancelText: t('applications.designer.leave.cancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const allowLeave = useCallback(() => {
    allowed.current = true;
  }, []);
  return { allowLeave };
}
