import { PlusOutlined } from '@ant-design/icons';
import { GrantInput, type GrantView, type UserView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Divider, Form, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useAddGrant, useRemoveGrant, userQuery } from '../api';
import { GrantFields } from './grant-fields';

interface GrantValues {
  role?: GrantView['role'];
  regionCode?: string;
  departmentId?: string | null;
}

/** 授权: a user's grants, each removable, and a form to add one. */
export function UserGrantsModal({
  user: initial,
  onClose,
}: {
  user: UserView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useQuery({ ...userQuery(initial.id), initialData: initial }).data;
  const [form] = Form.useForm<GrantValues>();
  const add = useAddGrant(user.id);
  const remove = useRemoveGrant(user.id);
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = (values: GrantValues) => {
    const body = {
      role: values.role,
      regionCode: values.regionCode,
      ...(values.departmentId ? { departmentId: values.departmentId } : {}),
    };
    const checked = validateForm(form, GrantInput, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    add.mutate(checked.data, {
      onSuccess: () => {
        void message.success(t('user.grantAdded'));
        form.resetFields();
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <Modal
      open
      title={t('user.grantsTitle', { name: user.displayName })}
      onCancel={onClose}
      footer={null}
      width={760}
      destroyOnHidden
    >
      <Table<GrantView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={user.grants}
        locale={{ emptyText: t('user.noGrants') }}
        columns={[
          {
            title: t('user.role'),
            dataIndex: 'role',
            width: 190,
            render: (role: GrantView['role']) => <Tag color="blue">{t(`role.${role}`)}</Tag>,
          },
          {
            title: t('user.grantRegion'),
            key: 'region',
            render: (_, grant) => (
              <>
                {grant.regionName}
                <Typography.Text type="secondary"> {grant.regionCode}</Typography.Text>
              </>
            ),
          },
          {
            title: t('user.department'),
            dataIndex: 'departmentName',
            width: 160,
            render: (name: string | null) => name ?? '—',
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_, grant) => (
              <Popconfirm
                title={t('user.removeGrantConfirm')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(grant.id).then(
                    () => void message.success(t('user.grantRemoved')),
                    (error: unknown) => onError(error),
                  )
                }
              >
                <Button type="link" danger size="small">
                  {t('common.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Divider titlePlacement="start" plain>
        {t('user.addGrant')}
      </Divider>
      <Form<GrantValues> form={form} name="addGrant" onFinish={submit}>
        <GrantFields name={[]} path={[]} />
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
          {t('user.addGrant')}
        </Button>
      </Form>
    </Modal>
  );
}
