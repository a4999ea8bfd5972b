import { ResetPasswordBody, type UserView } from '@shequ/core';
import { App, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useResetPassword } from '../api';
import { generatePassword } from '../password';

/** Sets a new password for a user who forgot theirs; they must change it at next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword(user.id);
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = (values: { password: string }) => {
    const checked = validateForm(form, ResetPasswordBody, values);
    if (!('data' in checked)) return notice(checked.unplaced);
    reset.mutate(checked.data.password, {
      onSuccess: () => {
        void message.success(t('user.passwordReset', { name: user.displayName }));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <FormModal<{ password: string }>
      open
      title={t('user.resetPasswordTitle', { username: user.username })}
      form={form}
      name="resetPassword"
      onSubmit={submit}
      onCancel={onClose}
      submitting={reset.isPending}
      okText={t('user.resetPassword')}
    >
      <Form.Item
        label={t('user.newPassword')}
        required
        htmlFor="resetPassword_password"
        extra={t('user.initialPasswordHint')}
      >
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="password"
            noStyle
            rules={[
              { required: true, message: t('common.required', { label: t('user.newPassword') }) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button onClick={() => form.setFieldValue('password', generatePassword())}>
            {t('user.generatePassword')}
          </Button>
        </Space.Compact>
      </Form.Item>
    </FormModal>
  );
}
