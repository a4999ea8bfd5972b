import { SecondFactorBody, type SessionState } from '@shequ/core';
import { App, Button, Flex, Form, Input, QRCode, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useEnableSecondFactor, useStartSecondFactorSetup } from '../api';

/**
 * Binds an authenticator app: a new secret shown as a QR code and as text, then a code from the
 * app confirms it. Used on the login page (when the policy demands it) and on the profile page.
 */
export function SecondFactorSetup({ onEnabled }: { onEnabled?: (state: SessionState) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const start = useStartSecondFactorSetup();
  const enable = useEnableSecondFactor();
  const onError = useApiErrorHandler();

  const confirm = (values: { code: string }) => {
    const checked = validateForm(form, SecondFactorBody, { code: values.code.trim() });
    if (!('data' in checked)) return;
    // mutateAsync, not mutate's callbacks: enabling refreshes the session, which can unmount this
    // component before per-call callbacks would run, and the confirmation must still show
    enable.mutateAsync(checked.data.code).then(
      (state) => {
        void message.success(t('twoFactor.enabled'));
        onEnabled?.(state);
      },
      (error: unknown) => onError(error, form),
    );
  };

  const setup = start.data;
  return (
    <Flex vertical gap={16}>
      <Steps
        size="small"
        current={setup ? 1 : 0}
        items={[
          { title: t('twoFactor.stepInstall') },
          { title: t('twoFactor.stepScan') },
          { title: t('twoFactor.stepConfirm') },
        ]}
      />
      {!setup ? (
        <Flex vertical gap={12} align="flex-start">
          <Typography.Paragraph style={{ margin: 0 }}>{t('twoFactor.intro')}</Typography.Paragraph>
          <Button
            type="primary"
            loading={start.isPending}
            onClick={() => start.mutate(undefined, { onError: (error) => onError(error) })}
            data-testid="totp-setup-start"
          >
            {t('twoFactor.start')}
          </Button>
        </Flex>
      ) : (
        <Flex gap={24} wrap align="flex-start">
          <QRCode value={setup.otpauthUrl} size={176} bordered />
          <Flex vertical gap={8} style={{ flex: '1 1 240px', minWidth: 0 }}>
            <Typography.Text>{t('twoFactor.scanHint')}</Typography.Text>
            <Typography.Text type="secondary">{t('twoFactor.secretHint')}</Typography.Text>
            <Typography.Text
              code
              copyable={{ text: setup.secret }}
              data-testid="totp-secret"
              style={{ wordBreak: 'break-all' }}
            >
              {setup.secret}
            </Typography.Text>
            <Form
              form={form}
              name="totpSetup"
              layout="vertical"
              onFinish={confirm}
              requiredMark={false}
              style={{ marginTop: 8 }}
            >
              <Form.Item
                label={t('twoFactor.code')}
                name="code"
                rules={[{ required: true, message: t('login.totpRequired') }]}
              >
                <Input
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  placeholder="000000"
                  style={{ maxWidth: 200, letterSpacing: 4 }}
                  data-testid="totp-code"
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                loading={enable.isPending}
                data-testid="totp-submit"
              >
                {t('twoFactor.confirm')}
              </Button>
            </Form>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}
