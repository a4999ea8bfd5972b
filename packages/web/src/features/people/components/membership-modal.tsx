import {
  attentionLevels,
  findSpecialGroup,
  MembershipInput,
  specialGroups,
  type PersonDetail,
} from '@shequ/core';
import { App, Col, DatePicker, Form, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useAddMembership, type MembershipBody } from '../api';
import { GroupFieldInput } from './group-field-input';

interface MembershipValues {
  groupCode?: string;
  startDate?: Dayjs | null;
  attentionLevel?: MembershipBody['attentionLevel'];
  attributes?: Record<string, string | number | Dayjs | null | undefined>;
}

/** The facts as the contract carries them: text, dates as YYYY-MM-DD, blanks left out. */
function attributesOf(values: MembershipValues['attributes']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    out[key] = dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : String(value).trim();
  }
  return out;
}

/**
 * 登记到重点人群: the register, the date, the attention level where the register grades its
 * members, and the facts the chosen register asks for.
 */
export function MembershipModal({
  person,
  onClose,
}: {
  person: PersonDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MembershipValues>();
  const add = useAddMembership(person.id);
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const groupCode = Form.useWatch('groupCode', form);
  const group = groupCode ? findSpecialGroup(groupCode) : undefined;
  const active = new Set(
    person.groups.filter((m) => m.status === 'active').map((m) => m.groupCode),
  );

  const submit = (values: MembershipValues) => {
    const body = {
      groupCode: values.groupCode ?? '',
      startDate: values.startDate?.format('YYYY-MM-DD') ?? '',
      attentionLevel: group?.hasAttentionLevel ? (values.attentionLevel ?? null) : null,
      attributes: attributesOf(values.attributes),
    };
    const checked = validateForm(form, MembershipInput, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    add.mutate(checked.data, {
      onSuccess: (membership) => {
        void message.success(t('membership.added', { group: membership.groupName }));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  const optionsOf = (category: 'care' | 'attention') =>
    specialGroups
      .filter((g) => g.category === category)
      .map((g) => ({ value: g.code, label: g.name, disabled: active.has(g.code) }));

  return (
    <FormModal<MembershipValues>
      open
      title={t('membership.addTitle', { name: person.name })}
      form={form}
      name="membership"
      onSubmit={submit}
      onCancel={onClose}
      submitting={add.isPending}
      width={640}
      initialValues={{ startDate: dayjs() }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('membership.group')}
            name="groupCode"
            rules={[{ required: true, message: t('membership.groupRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.select')}
              onChange={() => form.setFieldValue('attributes', {})}
              options={[
                { label: t('groupCategory.care'), options: optionsOf('care') },
                { label: t('groupCategory.attention'), options: optionsOf('attention') },
              ]}
              data-testid="membership-group"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('membership.startDate')}
            name="startDate"
            rules={[
              {
                required: true,
                message: t('common.required', { label: t('membership.startDate') }),
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {group?.hasAttentionLevel && (
          <Col xs={24} md={12}>
            <Form.Item
              label={t('membership.attentionLevel')}
              name="attentionLevel"
              rules={[{ required: true, message: t('membership.attentionLevelRequired') }]}
            >
              <Select
                options={attentionLevels.map(({ code }) => ({
                  value: code,
                  label: t(`attentionLevel.${code}`),
                }))}
              />
            </Form.Item>
          </Col>
        )}
        {group?.fields.map((field) => (
          <Col key={field.key} xs={24} md={12}>
            <GroupFieldInput field={field} />
          </Col>
        ))}
      </Row>
    </FormModal>
  );
}
