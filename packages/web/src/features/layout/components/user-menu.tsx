import { GlobalOutlined, LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Grid, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { changeLanguage, currentLanguage } from '../../../i18n/i18n';
import { useLogout } from '../../auth/api';
import { useMe } from '../../auth/components/me-provider';

/** The account menu in the header: settings, language, sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const logout = useLogout();
  const showName = Grid.useBreakpoint().md ?? true;

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'profile',
            icon: <SettingOutlined />,
            label: t('nav.profile'),
            onClick: () => void navigate('/profile'),
          },
          {
            key: 'language',
            icon: <GlobalOutlined />,
            label: t('common.switchLanguage'),
            onClick: () => changeLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en'),
          },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: t('nav.logout'),
            danger: true,
            onClick: () =>
              logout.mutate(undefined, {
                onSettled: () => void navigate('/login', { replace: true }),
              }),
          },
        ],
      }}
    >
      <Space
        style={{ cursor: 'pointer', color: '#fff' }}
        data-testid="user-menu"
        role="button"
        tabIndex={0}
        aria-label={t('nav.account')}
      >
        <Avatar
          size="small"
          icon={<UserOutlined />}
          style={{ backgroundColor: 'rgba(255,255,255,0.25)' }}
        />
        {showName && (
          <Typography.Text style={{ color: '#fff', whiteSpace: 'nowrap' }}>
            {me.displayName}
          </Typography.Text>
        )}
      </Space>
    </Dropdown>
  );
}
