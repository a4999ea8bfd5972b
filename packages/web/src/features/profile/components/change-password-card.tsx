import { ChangePasswordBody } from '@shequ/core';
import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useChangePassword } from '../../auth/api';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码: the current password, then the new one twice; the server applies the policy. */
export function ChangePasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = ({ currentPassword, newPassword }: PasswordValues) => {
    const checked = validateForm(form, ChangePasswordBody, { currentPassword, newPassword });
    if (!('data' in checked)) return notice(checked.unplaced);
    change.mutate(checked.data, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('profile.passwordChanged'));
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <Card title={t('profile.changePassword')}>
      <Form<PasswordValues>
        form={form}
        name="changePassword"
        layout="vertical"
        onFinish={submit}
        style={{ maxWidth: 420 }}
      >
        <Form.Item
          label={t('profile.currentPassword')}
          name="currentPassword"
          rules={[
            {
              required: true,
              message: t('common.required', { label: t('profile.currentPassword') }),
            },
          ]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('profile.newPassword')}
          name="newPassword"
          rules={[
            { required: true, message: t('common.required', { label: t('profile.newPassword') }) },
          ]}
          extra={t('profile.newPasswordHint')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('profile.confirmPassword')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            {
              required: true,
              message: t('common.required', { label: t('profile.confirmPassword') }),
            },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('profile.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('profile.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
