import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginBody } from '@shequ/core';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { ErrorAlert } from '../../../ui/error-alert';
import { markFields, validateForm } from '../../../ui/form-errors';
import { useLogin } from '../api';

interface LoginValues {
  username: string;
  password: string;
}

/** Step one of signing in: username and password. */
export function LoginForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const login = useLogin();

  const submit = (values: LoginValues) => {
    const checked = validateForm(form, LoginBody, values);
    if (!('data' in checked)) return;
    login.mutate(checked.data, {
      onError: (error) => {
        if (isApiError(error)) markFields(form, error.fieldErrors);
      },
    });
  };

  const error = login.error;
  return (
    <Form
      form={form}
      name="login"
      layout="vertical"
      size="large"
      onFinish={submit}
      requiredMark={false}
    >
      <ErrorAlert error={error} />
      <Form.Item
        label={t('login.username')}
        name="username"
        rules={[{ required: true, message: t('login.usernameRequired') }]}
      >
        <Input
          prefix={<UserOutlined />}
          autoComplete="username"
          autoFocus
          placeholder={t('login.usernamePlaceholder')}
          data-testid="login-username"
        />
      </Form.Item>
      <Form.Item
        label={t('login.password')}
        name="password"
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="current-password"
          placeholder={t('login.passwordPlaceholder')}
          data-testid="login-password"
        />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={login.isPending}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
