import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { changeLanguage, currentLanguage } from '../../../i18n/i18n';
import { BrandMark } from '../../../ui/brand-mark';
import { FullPageSpin } from '../../../ui/full-page-spin';
import { ErrorResult } from '../../../ui/query-state';
import { sessionQuery, useLogout } from '../api';
import { LoginForm } from '../components/login-form';
import { SecondFactorSetup } from '../components/second-factor-setup';
import { TotpForm } from '../components/totp-form';
import { safeRedirect } from '../redirect';

const pageStyle = {
  minHeight: '100vh',
  padding: '48px 16px',
  background: 'linear-gradient(160deg, #0b3a6e 0%, #14508f 55%, #e9eef5 55.1%, #f0f2f5 100%)',
};

/** Sign-in: password, then the second factor or its first-time setup, as the session demands. */
export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const session = useQuery(sessionQuery);
  const logout = useLogout();

  if (session.isPending) return <FullPageSpin />;
  const stage = session.data?.stage ?? null;
  if (stage === 'full') return <Navigate to={safeRedirect(params.get('redirect'))} replace />;

  const cancel = () => logout.mutate();
  const heading =
    stage === 'second_factor'
      ? t('login.totpTitle')
      : stage === 'second_factor_setup'
        ? t('login.setupTitle')
        : t('login.title');

  return (
    <Flex vertical align="center" style={pageStyle}>
      <Flex vertical align="center" gap={4} style={{ color: '#fff', marginBottom: 28 }}>
        <BrandMark size={52} />
        <Typography.Title level={2} style={{ color: '#fff', margin: '8px 0 0', letterSpacing: 4 }}>
          {t('app.brand')}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', fontSize: 15 }}>
          {t('app.platform')}
        </Typography.Text>
      </Flex>
      <Card
        title={heading}
        style={{ width: '100%', maxWidth: stage === 'second_factor_setup' ? 640 : 420 }}
        styles={{ body: { paddingTop: 20 } }}
      >
        {session.isError && (
          <ErrorResult error={session.error} onRetry={() => void session.refetch()} />
        )}
        {params.get('expired') && stage === null && (
          <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />
        )}
        {!session.isError && stage === null && <LoginForm />}
        {stage === 'second_factor' && <TotpForm onCancel={cancel} />}
        {stage === 'second_factor_setup' && (
          <Flex vertical gap={16}>
            <Alert type="info" showIcon title={t('login.setupRequired')} />
            <SecondFactorSetup />
            <Button type="link" onClick={cancel} style={{ alignSelf: 'flex-start', padding: 0 }}>
              {t('login.backToLogin')}
            </Button>
          </Flex>
        )}
      </Card>
      <Flex gap={16} style={{ marginTop: 24 }} wrap justify="center">
        <Link to="/apply" data-testid="login-apply">
          {t('applications.public.apply')}
        </Link>
        <Link to="/track" data-testid="login-track">
          {t('applications.public.track')}
        </Link>
        <Link to="/verify" data-testid="login-verify">
          {t('applications.public.verify')}
        </Link>
        <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
        <Button
          type="link"
          size="small"
          onClick={() => changeLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en')}
          style={{ padding: 0 }}
        >
          {t('common.switchLanguage')}
        </Button>
      </Flex>
    </Flex>
  );
}
