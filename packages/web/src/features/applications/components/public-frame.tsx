import { Button, Card, Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { changeLanguage, currentLanguage } from '../../../i18n/i18n';
import { BrandMark } from '../../../ui/brand-mark';

const pageStyle = {
  minHeight: '100vh',
  padding: '32px 16px 48px',
  background: 'linear-gradient(180deg, #0b3a6e 0, #14508f 180px, #f0f2f5 180px, #f0f2f5 100%)',
};

/** The frame of the public pages (no login): the brand, a card, links to the other services. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} - ${t('app.brand')}`;
  }, [title, t]);
  return (
    <Flex vertical align="center" style={pageStyle}>
      <Link to="/track" style={{ color: '#fff' }}>
        <Flex align="center" gap={12} style={{ marginBottom: 24 }}>
          <BrandMark size={40} />
          <Flex vertical>
            <Typography.Text strong style={{ color: '#fff', fontSize: 22, letterSpacing: 3 }}>
              {t('app.brand')}
            </Typography.Text>
            <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', fontSize: 13 }}>
              {t('applications.public.subtitle')}
            </Typography.Text>
          </Flex>
        </Flex>
      </Link>
      <Card title={title} style={{ width: '100%', maxWidth: 860 }}>
        {children}
      </Card>
      <Flex gap={16} wrap justify="center" style={{ marginTop: 24 }}>
        <Link to="/apply" data-testid="public-apply">
          {t('applications.public.apply')}
        </Link>
        <Link to="/track">{t('applications.public.track')}</Link>
        <Link to="/verify">{t('applications.public.verify')}</Link>
        <Link to="/login">{t('applications.public.staffLogin')}</Link>
        <Button
          type="link"
          size="small"
          onClick={() => changeLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en')}
          style={{ padding: 0, height: 'auto' }}
        >
          {t('common.switchLanguage')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('app.footer')}
      </Typography.Text>
    </Flex>
  );
}
