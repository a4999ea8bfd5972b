import { OrgUnitInput, parseCreditCode } from '@shequ/core';
import { App, Col, Form, Input, InputNumber, Row, Select, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnitView } from '../../../api/types';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { isPhoneNumber } from '../../people/person-rules';
import { CommunityTreeSelect } from '../../regions/components/community-tree-select';
import { useCurrentCommunity } from '../../regions/use-current-community';
import {
  orgUnitKinds,
  useCreateOrgUnit,
  useUpdateOrgUnit,
  type OrgUnitBody,
  type OrgUnitKind,
} from '../api';

interface OrgUnitValues {
  name?: string;
  creditCode?: string;
  kind?: OrgUnitKind;
  regionCode?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  headcount?: number | null;
}

const blankToNull = (value: string | undefined) => value?.trim() || null;

function toBody(values: OrgUnitValues): Partial<OrgUnitBody> {
  return {
    name: values.name?.trim() ?? '',
    creditCode: blankToNull(values.creditCode)?.toUpperCase() ?? null,
    kind: values.kind,
    regionCode: values.regionCode ?? '',
    address: blankToNull(values.address),
    contactName: blankToNull(values.contactName),
    headcount: values.headcount ?? null,
    // Shown masked: the stored number is kept unless a new one is typed.
    ...(values.contactPhone?.trim() ? { contactPhone: values.contactPhone.trim() } : {}),
  };
}

const half = { xs: 24, md: 12 };

/** 登记 / 编辑单位: the credit code is checked as it is typed (GB 32100 check character). */
export function OrgUnitFormModal({ unit, onClose }: { unit?: OrgUnitView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgUnitValues>();
  const community = useCurrentCommunity();
  const create = useCreateOrgUnit();
  const update = useUpdateOrgUnit(unit?.id ?? '');
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const creditCodeRule: FormRule = {
    validator: async (_rule, value: string | undefined) => {
      if (!value?.trim()) return;
      const parsed = parseCreditCode(value);
      if (!parsed.ok) throw new Error(parsed.message);
    },
  };
  const phoneRule: FormRule = {
    validator: async (_rule, value: string | undefined) => {
      if (value?.trim() && !isPhoneNumber(value)) throw new Error(t('person.phoneInvalid'));
    },
  };

  const submit = (values: OrgUnitValues) => {
    const done = () => {
      void message.success(unit ? t('common.saved') : t('orgUnit.created', { name: values.name }));
      onClose();
    };
    if (unit) {
      const checked = validateForm(form, OrgUnitInput.partial(), toBody(values));
      if (!('data' in checked)) return notice(checked.unplaced);
      update.mutate(
        { ...checked.data, version: unit.version },
        { onSuccess: done, onError: (error) => onError(error, form) },
      );
      return;
    }
    const checked = validateForm(form, OrgUnitInput, toBody(values));
    if (!('data' in checked)) return notice(checked.unplaced);
    create.mutate(checked.data, { onSuccess: done, onError: (error) => onError(error, form) });
  };

  const required = (label: string): FormRule => ({
    required: true,
    whitespace: true,
    message: t('common.required', { label }),
  });

  return (
    <FormModal<OrgUnitValues>
      open
      title={unit ? t('orgUnit.editTitle', { name: unit.name }) : t('orgUnit.createTitle')}
      form={form}
      name="orgUnit"
      onSubmit={submit}
      onCancel={onClose}
      submitting={create.isPending || update.isPending}
      width={720}
      initialValues={
        unit
          ? {
              name: unit.name,
              creditCode: unit.creditCode ?? '',
              kind: orgUnitKinds.find((kind) => kind === unit.kind),
              regionCode: unit.regionCode,
              address: unit.address ?? '',
              contactName: unit.contactName ?? '',
              headcount: unit.headcount,
            }
          : { kind: 'enterprise', regionCode: community?.code }
      }
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item label={t('orgUnit.name')} name="name" rules={[required(t('orgUnit.name'))]}>
            <Input maxLength={100} data-testid="org-unit-name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t('orgUnit.creditCode')}
            name="creditCode"
            rules={[creditCodeRule]}
            extra={t('orgUnit.creditCodeHint')}
          >
            <Input
              maxLength={18}
              style={{ fontFamily: 'monospace', textTransform: 'uppercase' }}
              data-testid="org-unit-credit-code"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t('orgUnit.kind')}
            name="kind"
            rules={[
              { required: true, message: t('common.required', { label: t('orgUnit.kind') }) },
            ]}
          >
            <Select
              options={orgUnitKinds.map((kind) => ({
                value: kind,
                label: t(`orgUnitKind.${kind}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t('person.community')}
            name="regionCode"
            rules={[{ required: true, message: t('person.communityRequired') }]}
          >
            <CommunityTreeSelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t('orgUnit.headcount')} name="headcount">
            <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t('orgUnit.address')} name="address">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t('orgUnit.contactName')} name="contactName">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t('orgUnit.contactPhone')}
            name="contactPhone"
            rules={[phoneRule]}
            extra={unit ? t('person.maskedHint') : undefined}
          >
            <Input
              maxLength={30}
              inputMode="tel"
              placeholder={unit?.contactPhoneMasked ?? undefined}
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
