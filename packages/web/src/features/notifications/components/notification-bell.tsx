import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useMe } from '../../auth/components/me-provider';
import {
  NOTIFICATION_POLL_MS,
  notificationsQuery,
  useMarkNotificationsRead,
  type NotificationList,
  type NotificationView,
} from '../api';
import { messageAge } from '../message-age';
import { useRecentlyActive } from '../use-recently-active';

/** The server lists this many of the newest messages. */
const LISTED = 50;

/**
 * The header's bell: the unread count, and the newest messages in a popover. A message about an
 * application opens it. Polling pauses while the user leaves the page alone (see recent-activity).
 */
export function NotificationBell() {
  const me = useMe();
  // until an expired or reset password is changed the server refuses everything else
  if (me.mustChangePassword) return null;
  return <Bell />;
}

function Bell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const active = useRecentlyActive(NOTIFICATION_POLL_MS);
  const [open, setOpen] = useState(false);
  const inbox = useQuery({ ...notificationsQuery, enabled: active || open });
  const markRead = useMarkNotificationsRead();
  const unread = inbox.data?.unread ?? 0;

  const choose = (message: NotificationView) => {
    if (!message.read) markRead.mutate([message.id], { onError: (error) => onError(error) });
    if (message.applicationId) {
      setOpen(false);
      void navigate(`/applications/${message.applicationId}`);
    }
  };

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      styles={{ container: { padding: 0 } }}
      title={
        <Flex
          justify="space-between"
          align="center"
          gap={16}
          style={{ padding: '10px 16px 8px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Flex align="baseline" gap={8}>
            <Typography.Text strong>{t('notifications.title')}</Typography.Text>
            {unread > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {t('notifications.unreadCount', { count: unread })}
              </Typography.Text>
            )}
          </Flex>
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            disabled={unread === 0}
            onClick={() => markRead.mutate('all', { onError: (error) => onError(error) })}
            data-testid="notification-read-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        </Flex>
      }
      content={
        <div style={{ width: 360 }} data-testid="notification-popover">
          <Messages
            inbox={inbox.data}
            failed={inbox.isError}
            onRetry={() => void inbox.refetch()}
            onChoose={choose}
          />
        </div>
      }
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          style={{ color: '#fff' }}
          aria-label={
            unread > 0
              ? t('notifications.openWithUnread', { count: unread })
              : t('notifications.open')
          }
          data-testid="notification-bell"
          data-unread={unread}
        />
      </Badge>
    </Popover>
  );
}

interface MessagesProps {
  inbox: NotificationList | undefined;
  failed: boolean;
  onRetry: () => void;
  onChoose: (message: NotificationView) => void;
}

function Messages({ inbox, failed, onRetry, onChoose }: MessagesProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (!inbox) {
    return (
      <Flex justify="center" align="center" gap={8} style={{ padding: 24 }}>
        {failed ? (
          <>
            <Typography.Text type="danger">{t('notifications.loadFailed')}</Typography.Text>
            <Button type="link" size="small" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </>
        ) : (
          <Spin size="small" />
        )}
      </Flex>
    );
  }
  if (inbox.items.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('notifications.empty')}
        style={{ padding: '16px 0' }}
        data-testid="notification-empty"
      />
    );
  }
  return (
    <>
      <ul
        style={{
          listStyle: 'none',
          margin: 0,
          padding: '4px 0',
          maxHeight: 400,
          overflowY: 'auto',
        }}
      >
        {inbox.items.map((message) => (
          <li key={message.id}>
            <Button
              type="text"
              block
              onClick={() => onChoose(message)}
              data-testid="notification-item"
              data-id={message.id}
              data-read={message.read}
              style={{
                height: 'auto',
                padding: '8px 16px',
                borderRadius: 0,
                justifyContent: 'flex-start',
                textAlign: 'start',
                whiteSpace: 'normal',
              }}
            >
              <Flex gap={8} align="baseline" style={{ width: '100%' }}>
                <span
                  aria-label={message.read ? undefined : t('notifications.unread')}
                  style={{
                    flex: 'none',
                    width: 6,
                    height: 6,
                    borderRadius: '50%',
                    transform: 'translateY(-2px)',
                    background: message.read ? 'transparent' : token.colorError,
                  }}
                />
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Typography.Text strong={!message.read} style={{ overflowWrap: 'anywhere' }}>
                    {message.text}
                  </Typography.Text>
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12 }}
                    title={formatDateTime(message.createdAt)}
                  >
                    <Age createdAt={message.createdAt} />
                  </Typography.Text>
                </Flex>
              </Flex>
            </Button>
          </li>
        ))}
      </ul>
      {inbox.items.length >= LISTED && (
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 12, textAlign: 'center', margin: 0, padding: '6px 16px 10px' }}
        >
          {t('notifications.latestOnly', { count: LISTED })}
        </Typography.Paragraph>
      )}
    </>
  );
}

function Age({ createdAt }: { createdAt: string }) {
  const { t } = useTranslation();
  const age = messageAge(createdAt, new Date());
  switch (age.unit) {
    case 'justNow':
      return t('notifications.justNow');
    case 'minutes':
      return t('notifications.minutesAgo', { count: age.count });
    case 'hours':
      return t('notifications.hoursAgo', { count: age.count });
    case 'date':
      return age.text;
  }
}
