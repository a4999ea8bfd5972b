import { CreateExchangeClientBody, type ExchangeClientCredentials } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useMe } from '../../auth/components/me-provider';
import { departmentsQuery } from '../../departments/api';
import { useCreateClient } from '../api';

interface ClientValues {
  name?: string;
  departmentId?: string;
}

/**
 * 登记接入系统: a department system's name and the department that owns it (its region bounds who
 * administers it). The answer carries the secret, which the caller shows once.
 */
export function ClientFormModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (credentials: ExchangeClientCredentials) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<ClientValues>();
  const create = useCreateClient();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  // the departments inside the region the administrator works in now
  const departments = useQuery(departmentsQuery(me.currentRegion?.code));

  const submit = (values: ClientValues) => {
    const checked = validateForm(form, CreateExchangeClientBody, {
      name: values.name ?? '',
      departmentId: values.departmentId ?? '',
    });
    if (!('data' in checked)) return notice(checked.unplaced);
    create.mutate(checked.data, {
      onSuccess: onCreated,
      onError: (error) => onError(error, form),
    });
  };

  return (
    <FormModal<ClientValues>
      open
      title={t('exchange.client.createTitle')}
      form={form}
      name="exchangeClient"
      onSubmit={submit}
      onCancel={onClose}
      submitting={create.isPending}
      okText={t('exchange.client.register')}
      width={560}
    >
      <Alert
        type="info"
        showIcon
        title={t('exchange.client.createHint')}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        label={t('exchange.client.name')}
        name="name"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: t('exchange.client.name') }),
          },
        ]}
      >
        <Input
          maxLength={100}
          placeholder={t('exchange.client.namePlaceholder')}
          data-testid="client-name"
        />
      </Form.Item>
      <Form.Item
        label={t('exchange.client.department')}
        name="departmentId"
        extra={t('exchange.client.departmentHint')}
        rules={[
          {
            required: true,
            message: t('common.required', { label: t('exchange.client.department') }),
          },
        ]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={departments.isPending}
          placeholder={t('department.selectPlaceholder')}
          notFoundContent={t('exchange.client.noDepartments')}
          options={(departments.data?.items ?? []).map((department) => ({
            value: department.id,
            label: department.name,
          }))}
          data-testid="client-department"
        />
      </Form.Item>
    </FormModal>
  );
}
