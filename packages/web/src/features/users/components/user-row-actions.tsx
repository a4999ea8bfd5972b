import { DownOutlined } from '@ant-design/icons';
import type { UserView } from '@shequ/core';
import { App, Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useMe } from '../../auth/components/me-provider';
import { useUnlockUser, useUpdateUser } from '../api';

export type UserDialogKind = 'edit' | 'grants' | 'password';

/** The actions on one user row: edit and grants at hand, the rarer ones under 更多. */
export function UserRowActions({
  user,
  onOpen,
}: {
  user: UserView;
  onOpen: (kind: UserDialogKind) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const unlock = useUnlockUser(user.id);
  const update = useUpdateUser(user.id);
  const onError = useApiErrorHandler();
  const disabling = user.status === 'active';

  const confirmStatus = () =>
    modal.confirm({
      title: disabling
        ? t('user.disableConfirm', { name: user.displayName })
        : t('user.enableConfirm', { name: user.displayName }),
      content: disabling ? t('user.disableHint') : undefined,
      okButtonProps: { danger: disabling },
      onOk: () =>
        update.mutateAsync({ status: disabling ? 'disabled' : 'active' }).then(
          () => void message.success(disabling ? t('user.disabled') : t('user.enabled')),
          (error: unknown) => onError(error),
        ),
    });

  const confirmUnlock = () =>
    modal.confirm({
      title: t('user.unlockConfirm', { name: user.displayName }),
      onOk: () =>
        unlock.mutateAsync().then(
          () => void message.success(t('user.unlocked')),
          (error: unknown) => onError(error),
        ),
    });

  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => onOpen('edit')}>
        {t('common.edit')}
      </Button>
      <Button type="link" size="small" onClick={() => onOpen('grants')}>
        {t('user.grantsAction')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', label: t('user.resetPassword'), onClick: () => onOpen('password') },
            {
              key: 'unlock',
              label: t('user.unlock'),
              disabled: !user.locked,
              onClick: () => void confirmUnlock(),
            },
            { type: 'divider' },
            {
              key: 'status',
              label: disabling ? t('user.disable') : t('user.enable'),
              danger: disabling,
              disabled: user.id === me.id,
              onClick: () => void confirmStatus(),
            },
          ],
        }}
      >
        <Button type="link" size="small" aria-label={t('common.more')}>
          {t('common.more')} <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}
