import { CreateAgreementBody, type SharingAgreementView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useMe } from '../../auth/components/me-provider';
import { catalogQuery } from '../../governance/api';
import { RegionSearchSelect } from '../../regions/components/region-search-select';
import { agreementBody } from '../agreement-form';
import { clientOptionsQuery, useCreateAgreement } from '../api';
import { ElementTreeSelect } from './element-tree-select';

interface AgreementValues {
  clientRef?: string;
  purposeCode?: string;
  purpose?: string;
  elementCodes?: string[];
  regionCode?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  rateLimitPerMinute?: number | null;
}

/**
 * 签订共享协议: which client may read which elements, in which region subtree, for what purpose,
 * from when to when, how often. Checked against the contract before it is sent.
 */
export function AgreementFormModal({
  clientRef,
  onClose,
  onCreated,
}: {
  /** The client picked in the list's filter, if any. */
  clientRef?: string;
  onClose: () => void;
  onCreated: (agreement: SharingAgreementView) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<AgreementValues>();
  const create = useCreateAgreement();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const clients = useQuery(clientOptionsQuery);
  const catalog = useQuery(catalogQuery);
  const grantRegions = useMemo(
    () =>
      [...new Map(me.grants.map((g) => [g.regionCode, g.regionName])).entries()].map(
        ([value, label]) => ({ value, label }),
      ),
    [me.grants],
  );

  const submit = (values: AgreementValues) => {
    const body = agreementBody({
      ...values,
      validFrom: values.validFrom?.format('YYYY-MM-DD'),
      validTo: values.validTo?.format('YYYY-MM-DD') ?? null,
    });
    const checked = validateForm(form, CreateAgreementBody, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    create.mutate(checked.data, {
      onSuccess: onCreated,
      onError: (error) => onError(error, form),
    });
  };

  const required = (label: string) => ({
    required: true,
    message: t('common.required', { label }),
  });

  return (
    <FormModal<AgreementValues>
      open
      title={t('exchange.agreement.createTitle')}
      form={form}
      name="agreement"
      onSubmit={submit}
      onCancel={onClose}
      submitting={create.isPending}
      okText={t('exchange.agreement.sign')}
      width={720}
      initialValues={{ clientRef, validFrom: dayjs(), rateLimitPerMinute: 60 }}
    >
      <Alert
        type="info"
        showIcon
        title={t('exchange.agreement.createHint')}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        label={t('exchange.agreement.client')}
        name="clientRef"
        rules={[required(t('exchange.agreement.client'))]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={clients.isPending}
          placeholder={t('common.select')}
          options={(clients.data?.items ?? [])
            .filter((client) => client.status === 'active')
            .map((client) => ({
              value: client.id,
              label: `${client.name}（${client.departmentName}）`,
            }))}
          data-testid="agreement-client"
        />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          label={t('exchange.agreement.purposeCode')}
          name="purposeCode"
          extra={t('exchange.agreement.purposeCodeHint')}
          rules={[required(t('exchange.agreement.purposeCode'))]}
          style={{ flex: '0 0 260px' }}
        >
          <Input
            maxLength={40}
            placeholder="dibao-review"
            style={{ fontFamily: 'monospace' }}
            data-testid="agreement-purpose-code"
          />
        </Form.Item>
        <Form.Item
          label={t('exchange.agreement.purpose')}
          name="purpose"
          rules={[required(t('exchange.agreement.purpose'))]}
          style={{ flex: 1 }}
        >
          <Input
            maxLength={500}
            placeholder={t('exchange.agreement.purposePlaceholder')}
            data-testid="agreement-purpose"
          />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t('exchange.agreement.elements')}
        name="elementCodes"
        extra={t('exchange.agreement.elementsHint')}
        rules={[required(t('exchange.agreement.elements'))]}
      >
        <ElementTreeSelect
          elements={catalog.data?.elements ?? []}
          loading={catalog.isPending}
          data-testid="agreement-elements"
        />
      </Form.Item>
      <Form.Item
        label={t('exchange.agreement.region')}
        name="regionCode"
        extra={t('exchange.agreement.regionHint')}
        rules={[required(t('exchange.agreement.region'))]}
      >
        <RegionSearchSelect defaultOptions={grantRegions} data-testid="agreement-region" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          label={t('exchange.agreement.validFrom')}
          name="validFrom"
          rules={[required(t('exchange.agreement.validFrom'))]}
        >
          <DatePicker data-testid="agreement-valid-from" />
        </Form.Item>
        <Form.Item
          label={t('exchange.agreement.validTo')}
          name="validTo"
          extra={t('exchange.agreement.validToHint')}
        >
          <DatePicker
            placeholder={t('exchange.agreement.openEnded')}
            data-testid="agreement-valid-to"
          />
        </Form.Item>
        <Form.Item
          label={t('exchange.agreement.rateLimit')}
          name="rateLimitPerMinute"
          rules={[required(t('exchange.agreement.rateLimit'))]}
        >
          <InputNumber
            min={1}
            max={100000}
            precision={0}
            suffix={t('exchange.agreement.perMinute')}
            style={{ width: 170 }}
            data-testid="agreement-rate-limit"
          />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
