import { houseRelations, PersonHouseInput, type PersonDetail } from '@shequ/core';
import { App, DatePicker, Form, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { HouseTreeSelect } from '../../places/components/house-tree-select';
import { useAddPersonHouse, type PersonHouseBody } from '../api';

interface AddHouseValues {
  houseId?: string;
  relation: PersonHouseBody['relation'];
  isPrimary: boolean;
  startDate?: Dayjs | null;
}

/** 登记房屋: links the person to a house (lives, owns, rents, registered there) from a date. */
export function AddHouseModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddHouseValues>();
  const add = useAddPersonHouse(person.id);
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const relation = Form.useWatch('relation', form);

  const submit = (values: AddHouseValues) => {
    const body = {
      houseId: values.houseId ?? '',
      relation: values.relation,
      isPrimary: values.relation === 'lives' && values.isPrimary,
      startDate: values.startDate?.format('YYYY-MM-DD') ?? '',
    };
    const checked = validateForm(form, PersonHouseInput, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    add.mutate(checked.data, {
      onSuccess: () => {
        void message.success(t('personHouse.added'));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <FormModal<AddHouseValues>
      open
      title={t('personHouse.addTitle', { name: person.name })}
      form={form}
      name="addHouse"
      onSubmit={submit}
      onCancel={onClose}
      submitting={add.isPending}
      initialValues={{ relation: 'lives', isPrimary: true, startDate: dayjs() }}
    >
      <Form.Item
        label={t('personHouse.house')}
        name="houseId"
        rules={[{ required: true, message: t('place.pickHouse') }]}
      >
        <HouseTreeSelect regionCode={person.regionCode} />
      </Form.Item>
      <Form.Item label={t('personHouse.relation')} name="relation">
        <Select
          options={houseRelations.map(({ code }) => ({
            value: code,
            label: t(`houseRelation.${code}`),
          }))}
        />
      </Form.Item>
      {relation === 'lives' && (
        <Form.Item
          label={t('personHouse.primary')}
          name="isPrimary"
          valuePropName="checked"
          extra={t('personHouse.primaryHint')}
        >
          <Switch />
        </Form.Item>
      )}
      <Form.Item
        label={t('personHouse.startDate')}
        name="startDate"
        rules={[
          { required: true, message: t('common.required', { label: t('personHouse.startDate') }) },
        ]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
