import { Phone, UpdateUserBody, type UserView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { schemaRule, validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { ErrorResult } from '../../../ui/query-state';
import { userQuery, useUpdateUser } from '../api';

interface EditValues {
  displayName: string;
  phone?: string | null;
}

/**
 * Edits a user's name and phone; status, grants and password have their own actions. Lists show
 * phones masked, so the form loads the user's (audited) detail first.
 */
export function UserEditModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery(userQuery(user.id));
  if (!detail.data) {
    return (
      <Modal
        open
        title={t('user.editTitle', { username: user.username })}
        loading={detail.isPending}
        footer={null}
        onCancel={onClose}
      >
        {detail.isError && (
          <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />
        )}
      </Modal>
    );
  }
  return <UserEditForm user={detail.data} onClose={onClose} />;
}

function UserEditForm({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateUser(user.id);
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = (values: EditValues) => {
    const body = {
      displayName: values.displayName,
      phone: values.phone?.trim() ? values.phone.trim() : null,
    };
    const checked = validateForm(form, UpdateUserBody, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    update.mutate(checked.data, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <FormModal<EditValues>
      open
      title={t('user.editTitle', { username: user.username })}
      form={form}
      name="editUser"
      onSubmit={submit}
      onCancel={onClose}
      submitting={update.isPending}
      initialValues={{ displayName: user.displayName, phone: user.phone ?? '' }}
    >
      <Form.Item
        label={t('user.displayName')}
        name="displayName"
        rules={[
          { required: true, message: t('common.required', { label: t('user.displayName') }) },
        ]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        label={t('user.phone')}
        name="phone"
        rules={[schemaRule(Phone)]}
        validateTrigger="onBlur"
      >
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
    </FormModal>
  );
}
