import { PlaceInput, type PlaceView } from '@shequ/core';
import { App, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { houseUses, ownerships, useCreatePlace, type PlaceBody, type PlaceKind } from '../api';

interface PlaceValues {
  kind: PlaceKind;
  name?: string;
  houseUse?: PlaceBody['houseUse'];
  area?: number | null;
  ownership?: PlaceBody['ownership'];
  rented?: boolean;
}

/** What can be added under a place: a building may hold units or, without units, houses. */
const kindsUnder = (parent: PlaceView | undefined): PlaceKind[] => {
  switch (parent?.kind) {
    case undefined:
      return ['compound'];
    case 'compound':
      return ['building'];
    case 'building':
      return ['unit', 'house'];
    case 'unit':
      return ['house'];
    case 'house':
      return [];
  }
};

/** Adds a compound to a community, or a building, unit or house under the selected place. */
export function PlaceCreateModal({
  parent,
  regionCode,
  onCreated,
  onClose,
}: {
  /** The place to add under; a compound of `regionCode` when absent. */
  parent?: PlaceView;
  regionCode: string;
  onCreated: (place: PlaceView) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlaceValues>();
  const create = useCreatePlace();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const kinds = kindsUnder(parent);
  const kind = Form.useWatch('kind', form) ?? kinds[0];

  const submit = (values: PlaceValues) => {
    const house = values.kind === 'house';
    const body = {
      kind: values.kind,
      name: values.name ?? '',
      parentId: parent?.id ?? null,
      regionCode: parent?.regionCode ?? regionCode,
      ...(house
        ? {
            houseUse: values.houseUse ?? null,
            area: values.area ?? null,
            ownership: values.ownership ?? null,
            rented: values.rented ?? null,
          }
        : {}),
    };
    const checked = validateForm(form, PlaceInput, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    create.mutate(checked.data, {
      onSuccess: (place) => {
        void message.success(t('place.created', { name: place.name }));
        onCreated(place);
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <FormModal<PlaceValues>
      open
      title={parent ? t('place.addUnder', { name: parent.name }) : t('place.addCompound')}
      form={form}
      name="place"
      onSubmit={submit}
      onCancel={onClose}
      submitting={create.isPending}
      initialValues={{ kind: kinds[0] }}
    >
      <Form.Item label={t('place.kind')} name="kind">
        <Radio.Group
          optionType="button"
          options={kinds.map((value) => ({ value, label: t(`placeKind.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('place.name')}
        name="name"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: t('place.name') }),
          },
        ]}
      >
        <Input
          maxLength={60}
          placeholder={t(`placeKind.${kind ?? 'compound'}Example`)}
          data-testid="place-name"
        />
      </Form.Item>
      {kind === 'house' && (
        <>
          <Form.Item label={t('place.houseUse')} name="houseUse">
            <Select
              allowClear
              options={houseUses.map((value) => ({ value, label: t(`houseUse.${value}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('place.area')} name="area">
            <InputNumber min={0} max={100000} precision={2} style={{ width: '100%' }} suffix="㎡" />
          </Form.Item>
          <Form.Item label={t('place.ownership')} name="ownership">
            <Select
              allowClear
              options={ownerships.map((value) => ({ value, label: t(`ownership.${value}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('place.rented')} name="rented" valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
