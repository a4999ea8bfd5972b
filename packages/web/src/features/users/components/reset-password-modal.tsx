import { ResetPasswordBody, type UserView } from '@shequ/core';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useResetPassword } from '../api';
import { PasswordField } from './password-field';

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
      <PasswordField form={form} formName="resetPassword" label={t('user.newPassword')} />
    </FormModal>
  );
}
