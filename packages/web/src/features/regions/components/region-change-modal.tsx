import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { RegionChangeBody, type Region } from '@shequ/core';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useRecordRegionChange } from '../api';
import { RegionSearchSelect } from './region-search-select';

type ChangeKind = RegionChangeBody['kind'];

interface ChangeValues {
  kind: ChangeKind;
  name?: string;
  targetCode?: string;
  into?: { code?: string; name?: string }[];
  effectiveDate?: Dayjs | null;
  reason?: string;
}

/** The body the server expects for the chosen kind, from the form's values. */
function toBody(values: ChangeValues): unknown {
  const common = {
    effectiveDate: values.effectiveDate?.format('YYYY-MM-DD') ?? '',
    reason: values.reason ?? '',
  };
  switch (values.kind) {
    case 'rename':
      return { kind: 'rename', name: values.name ?? '', ...common };
    case 'merge':
      return { kind: 'merge', targetCode: values.targetCode ?? '', ...common };
    case 'split':
      return {
        kind: 'split',
        into: (values.into ?? []).map((part) => ({ code: part.code ?? '', name: part.name ?? '' })),
        ...common,
      };
    case 'abolish':
      return { kind: 'abolish', ...common };
  }
}

/** Records a rename, merge, split or abolition of a region, effective from a date; history is kept. */
export function RegionChangeModal({
  region,
  open,
  onClose,
}: {
  region: Region;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeValues>();
  const kind = Form.useWatch('kind', form) ?? 'rename';
  const record = useRecordRegionChange(region.code);
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = (values: ChangeValues) => {
    const checked = validateForm(form, RegionChangeBody, toBody(values));
    if (!('data' in checked)) return notice(checked.unplaced);
    record.mutate(checked.data, {
      onSuccess: () => {
        void message.success(t('region.changeRecorded'));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  const required = (label: string) => [
    { required: true, message: t('common.required', { label }) },
  ];

  return (
    <FormModal<ChangeValues>
      open={open}
      title={t('region.changeTitle', { name: region.name })}
      form={form}
      name="regionChange"
      onSubmit={submit}
      onCancel={onClose}
      submitting={record.isPending}
      width={600}
      initialValues={{ kind: 'rename', effectiveDate: dayjs(), into: [{}, {}] }}
    >
      <Form.Item label={t('region.changeKind')} name="kind">
        <Radio.Group
          optionType="button"
          options={(['rename', 'merge', 'split', 'abolish'] as const).map((value) => ({
            value,
            label: t(`changeKind.${value}`),
          }))}
        />
      </Form.Item>
      {kind === 'rename' && (
        <Form.Item label={t('region.newName')} name="name" rules={required(t('region.newName'))}>
          <Input maxLength={50} placeholder={region.name} />
        </Form.Item>
      )}
      {kind === 'merge' && (
        <Form.Item
          label={t('region.mergeTarget')}
          name="targetCode"
          rules={required(t('region.mergeTarget'))}
          extra={t('region.mergeHint')}
        >
          <RegionSearchSelect level={region.level} />
        </Form.Item>
      )}
      {kind === 'split' && (
        <Form.Item label={t('region.splitInto')} required extra={t('region.splitHint')}>
          <Form.List name="into">
            {(fields, { add, remove }) => (
              <Flex vertical gap={0}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="baseline">
                    <Form.Item
                      name={[field.name, 'code']}
                      rules={required(t('region.code'))}
                      style={{ flex: '0 0 180px' }}
                    >
                      <Input placeholder={t('region.code')} maxLength={15} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={required(t('region.name'))}
                      style={{ flex: 1 }}
                    >
                      <Input placeholder={t('region.name')} maxLength={50} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('common.remove')}
                      disabled={fields.length <= 2}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  disabled={fields.length >= 20}
                >
                  {t('region.addPart')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      )}
      {kind === 'abolish' && (
        <Form.Item>
          <Alert type="warning" showIcon title={t('region.abolishHint')} />
        </Form.Item>
      )}
      <Form.Item
        label={t('region.effectiveDate')}
        name="effectiveDate"
        rules={required(t('region.effectiveDate'))}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('region.reason')} name="reason" rules={required(t('region.reason'))}>
        <Input.TextArea
          rows={3}
          maxLength={200}
          showCount
          placeholder={t('region.reasonPlaceholder')}
        />
      </Form.Item>
    </FormModal>
  );
}
