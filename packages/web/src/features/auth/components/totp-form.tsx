import { SafetyCertificateOutlined } from '@ant-design/icons';
import { SecondFactorBody } from '@shequ/core';
import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert';
import { validateForm } from '../../../ui/form-errors';
import { useSecondFactor } from '../api';

/** Step two of signing in: the six-digit code from the authenticator app. */
export function TotpForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const verify = useSecondFactor();

  const submit = (values: { code: string }) => {
    const checked = validateForm(form, SecondFactorBody, { code: values.code.trim() });
    if ('data' in checked) verify.mutate(checked.data.code, { onError: () => form.resetFields() });
  };

  const error = verify.error;
  return (
    <Form
      form={form}
      name="totp"
      layout="vertical"
      size="large"
      onFinish={submit}
      requiredMark={false}
    >
      <Typography.Paragraph type="secondary">{t('login.totpHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form.Item
        label={t('login.totpCode')}
        name="code"
        rules={[{ required: true, message: t('login.totpRequired') }]}
      >
        <Input
          prefix={<SafetyCertificateOutlined />}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          placeholder="000000"
          style={{ letterSpacing: 6 }}
          data-testid="totp-code"
        />
      </Form.Item>
      <Form.Item style={{ marginBottom: 8 }}>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={verify.isPending}
          data-testid="totp-submit"
        >
          {t('login.verify')}
        </Button>
      </Form.Item>
      <Button type="link" block onClick={onCancel}>
        {t('login.backToLogin')}
      </Button>
    </Form>
  );
}
