import { CreateGridBody, type Region } from '@shequ/core';
import { App, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useCreateGrid } from '../api';

interface AddGridValues {
  name: string;
  validFrom?: Dayjs | null;
}

/** Divides a community into grids (网格), each with its own code under the community's. */
export function AddGridModal({
  community,
  open,
  onClose,
}: {
  community: Region;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddGridValues>();
  const create = useCreateGrid(community.code);
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = (values: AddGridValues) => {
    const body = { name: values.name, validFrom: values.validFrom?.format('YYYY-MM-DD') };
    const checked = validateForm(form, CreateGridBody, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    create.mutate(checked.data, {
      onSuccess: (grid) => {
        void message.success(t('region.gridCreated', { name: grid.name, code: grid.code }));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <FormModal
      open={open}
      title={t('region.addGridTitle', { name: community.name })}
      form={form}
      name="addGrid"
      onSubmit={submit}
      onCancel={onClose}
      submitting={create.isPending}
    >
      <Form.Item
        label={t('region.gridName')}
        name="name"
        rules={[{ required: true, message: t('region.gridNameRequired') }]}
      >
        <Input maxLength={50} placeholder={t('region.gridNamePlaceholder')} />
      </Form.Item>
      <Form.Item label={t('region.validFrom')} name="validFrom" extra={t('region.validFromHint')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
