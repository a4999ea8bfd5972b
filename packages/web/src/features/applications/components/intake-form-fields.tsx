import { DatePicker, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { IntakeFieldSpec } from '../intake-form';
import { SourceTag } from './source-tag';

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** The input of a field, as the direct child of its Form.Item (which gives it value and onChange). */
function inputOf(spec: IntakeFieldSpec, t: TFunction) {
  const testId = `field-${spec.key}`;
  switch (spec.type) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={spec.maxLength} showCount data-testid={testId} />;
    case 'number':
      return (
        <InputNumber min={spec.min} max={spec.max} style={{ width: 200 }} data-testid={testId} />
      );
    case 'date':
      return <DatePicker style={{ width: 200 }} data-testid={testId} />;
    case 'code':
      return (
        <Select
          allowClear
          placeholder={t('common.select')}
          options={spec.options ?? []}
          showSearch={{
            filterOption: (input, option) =>
              Boolean(option && (option.label.includes(input) || option.value.startsWith(input))),
          }}
          style={{ maxWidth: 320 }}
          data-testid={testId}
        />
      );
    case 'boolean':
      return (
        <Radio.Group
          options={[
            { value: true, label: t('common.yes') },
            { value: false, label: t('common.no') },
          ]}
          data-testid={testId}
        />
      );
    case 'phone':
      return <Input maxLength={20} style={{ maxWidth: 320 }} data-testid={testId} />;
    case 'text':
      return <Input maxLength={spec.maxLength} style={{ maxWidth: 520 }} data-testid={testId} />;
  }
}

/** Form items keep dates as `YYYY-MM-DD` strings; the date picker works with dayjs. */
const dateProps = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value ? dayjs(value) : undefined,
  }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined),
};

/**
 * Step ③ of the intake: the matter's application form, built from its definition, prefilled with
 * what the platform holds; each prefilled field says where its value comes from.
 */
export function IntakeFormFields({ specs }: { specs: readonly IntakeFieldSpec[] }) {
  const { t } = useTranslation();
  const rulesOf = (spec: IntakeFieldSpec): Rule[] => {
    const rules: Rule[] = [];
    if (spec.required) {
      rules.push({
        required: true,
        whitespace: spec.type !== 'boolean' && spec.type !== 'number',
        message: t('common.required', { label: spec.label }),
      });
    }
    if (spec.type === 'phone') {
      rules.push({
        validator: async (_rule, value: unknown) => {
          const phone = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
          if (phone && !MOBILE.test(phone) && !LANDLINE.test(phone)) {
            throw new Error(t('person.phoneInvalid'));
          }
        },
      });
    }
    return rules;
  };

  return (
    <>
      {specs.map((spec) => (
        <Form.Item
          key={spec.key}
          name={['form', spec.key]}
          label={
            <Flex gap={8} align="center" wrap>
              <span>{spec.label}</span>
              {spec.source && <SourceTag source={spec.source} />}
            </Flex>
          }
          extra={spec.help}
          rules={rulesOf(spec)}
          {...(spec.type === 'date' ? dateProps : {})}
        >
          {inputOf(spec, t)}
        </Form.Item>
      ))}
    </>
  );
}

/** The SMS number and the channel, asked with the form. */
export function IntakeContactFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="phone"
        label={t('applications.intake.smsPhone')}
        extra={t('applications.intake.smsPhoneHint')}
        rules={[
          { required: true, whitespace: true, message: t('applications.intake.smsPhoneRequired') },
          { pattern: MOBILE, message: t('applications.intake.smsPhoneInvalid') },
        ]}
      >
        <Input maxLength={11} style={{ maxWidth: 240 }} data-testid="sms-phone" />
      </Form.Item>
      <Form.Item name="channel" label={t('applications.intake.channel')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'window', label: t('applications.channel.window') },
            { value: 'visit', label: t('applications.channel.visit') },
          ]}
        />
      </Form.Item>
    </>
  );
}
