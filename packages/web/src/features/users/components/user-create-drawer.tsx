import { PlusOutlined } from '@ant-design/icons';
import { CreateUserBody, Phone, type Role } from '@shequ/core';
import { App, Button, Divider, Drawer, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { schemaRule, validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useMe } from '../../auth/components/me-provider';
import { RegionSearchSelect } from '../../regions/components/region-search-select';
import { useCreateUser } from '../api';
import { PasswordField } from './password-field';
import { GrantFields } from './grant-fields';

interface CreateUserValues {
  username: string;
  displayName: string;
  phone?: string;
  homeRegionCode: string;
  password: string;
  grants: { role?: Role; regionCode?: string; departmentId?: string | null }[];
}

/** The body for POST /api/users: empty optional fields left out rather than sent as ''. */
function toBody(values: CreateUserValues) {
  return {
    username: values.username?.trim(),
    displayName: values.displayName,
    phone: values.phone?.trim() ? values.phone.trim() : null,
    homeRegionCode: values.homeRegionCode,
    password: values.password,
    grants: (values.grants ?? []).map((grant) => ({
      role: grant.role,
      regionCode: grant.regionCode,
      ...(grant.departmentId ? { departmentId: grant.departmentId } : {}),
    })),
  };
}

/** 新建用户: account, home region, initial password and at least one grant. */
export function UserCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<CreateUserValues>();
  const create = useCreateUser();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const homeOptions = me.currentRegion
    ? [{ value: me.currentRegion.code, label: me.currentRegion.name }]
    : [];

  const submit = (values: CreateUserValues) => {
    const checked = validateForm(form, CreateUserBody, toBody(values));
    if (!('data' in checked)) return notice(checked.unplaced);
    create.mutate(checked.data, {
      onSuccess: (user) => {
        void message.success(t('user.created', { name: user.displayName }));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('user.createTitle')}
      size={720}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="user-create-submit"
          >
            {t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Form<CreateUserValues>
        form={form}
        name="createUser"
        layout="vertical"
        onFinish={submit}
        scrollToFirstError
        initialValues={{ grants: [{ regionCode: me.currentRegion?.code }] }}
      >
        <Flex gap={16} wrap>
          <Form.Item
            label={t('user.username')}
            name="username"
            rules={[
              { required: true, message: t('common.required', { label: t('user.username') }) },
              schemaRule(CreateUserBody.shape.username),
            ]}
            validateTrigger="onBlur"
            extra={t('user.usernameHint')}
            style={{ flex: '1 1 280px' }}
          >
            <Input autoComplete="off" maxLength={32} data-testid="user-username" />
          </Form.Item>
          <Form.Item
            label={t('user.displayName')}
            name="displayName"
            rules={[
              { required: true, message: t('common.required', { label: t('user.displayName') }) },
            ]}
            style={{ flex: '1 1 280px' }}
          >
            <Input maxLength={50} data-testid="user-display-name" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            label={t('user.phone')}
            name="phone"
            rules={[schemaRule(Phone)]}
            validateTrigger="onBlur"
            style={{ flex: '1 1 280px' }}
          >
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          <Form.Item
            label={t('user.homeRegion')}
            name="homeRegionCode"
            rules={[
              { required: true, message: t('common.required', { label: t('user.homeRegion') }) },
            ]}
            style={{ flex: '1 1 280px', minWidth: 0 }}
          >
            <RegionSearchSelect defaultOptions={homeOptions} />
          </Form.Item>
        </Flex>
        <PasswordField
          form={form}
          formName="createUser"
          label={t('user.initialPassword')}
          testId="user-password"
        />
        <Divider titlePlacement="start" plain>
          {t('user.grants')}
        </Divider>
        <Form.List name="grants">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <GrantFields
                  key={field.key}
                  name={[field.name]}
                  path={['grants', field.name]}
                  onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
                />
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                disabled={fields.length >= 20}
              >
                {t('user.addGrant')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
