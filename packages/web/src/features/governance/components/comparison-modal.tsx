import { ComparisonRecord, type ComparisonResult } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { catalogQuery, useCompare } from '../api';
import { comparableElements } from '../my-departments';
import { useMyDepartmentTypes } from '../use-my-departments';
import { ElementSelect } from './element-select';
import { ElementValueInput } from './element-value-input';

interface ComparisonValues {
  idNumber?: string;
  elementCode?: string;
  value?: string;
}

const outcomeTypes = {
  match: 'success',
  mismatch: 'warning',
  unknown_subject: 'info',
  invalid: 'error',
} as const;

/**
 * 提交比对: a comparing department submits one value it holds (by ID number) and sees at once
 * whether it matched (a corroboration), differed (a discrepancy for the verifier), found nobody, or
 * could not be compared.
 */
export function ComparisonModal({
  onClose,
  onOpenDiscrepancy,
}: {
  onClose: () => void;
  onOpenDiscrepancy: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ComparisonValues>();
  const compare = useCompare();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const catalog = useQuery(catalogQuery);
  const { types } = useMyDepartmentTypes();
  const elementCode = Form.useWatch('elementCode', form);
  const [result, setResult] = useState<ComparisonResult>();
  const elements = useMemo(
    () => comparableElements(catalog.data?.elements ?? [], types[0]),
    [catalog.data, types],
  );

  const submit = (values: ComparisonValues) => {
    const body = {
      idNumber: values.idNumber ?? '',
      elementCode: values.elementCode ?? '',
      value: values.value?.trim() ? values.value : null,
    };
    const checked = validateForm(form, ComparisonRecord, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    setResult(undefined);
    compare.mutate(checked.data, {
      onSuccess: setResult,
      onError: (error) => onError(error, form),
    });
  };

  return (
    <FormModal<ComparisonValues>
      open
      title={t('governance.compare.title')}
      form={form}
      name="comparison"
      onSubmit={submit}
      onCancel={onClose}
      submitting={compare.isPending}
      okText={t('governance.compare.submit')}
      width={560}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('governance.compare.hint')}
      />
      <Form.Item
        label={t('governance.compare.idNumber')}
        name="idNumber"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: t('governance.compare.idNumber') }),
          },
        ]}
      >
        <Input maxLength={40} autoComplete="off" data-testid="compare-id-number" />
      </Form.Item>
      <Form.Item
        label={t('governance.compare.element')}
        name="elementCode"
        rules={[
          {
            required: true,
            message: t('common.required', { label: t('governance.compare.element') }),
          },
        ]}
      >
        <ElementSelect
          elements={elements}
          loading={catalog.isPending}
          onChange={() => form.setFieldValue('value', undefined)}
          data-testid="compare-element"
        />
      </Form.Item>
      <Form.Item
        label={t('governance.compare.value')}
        name="value"
        extra={t('governance.compare.valueHint')}
      >
        <ElementValueInput elementCode={elementCode} data-testid="compare-value" />
      </Form.Item>
      {result && (
        <Alert
          type={outcomeTypes[result.outcome]}
          showIcon
          data-testid="compare-result"
          title={t(`comparisonOutcome.${result.outcome}`)}
          description={result.message ?? t(`governance.compare.outcomeHint.${result.outcome}`)}
          action={
            result.discrepancyId && (
              <Button size="small" onClick={() => onOpenDiscrepancy(result.discrepancyId!)}>
                {t('governance.compare.openDiscrepancy')}
              </Button>
            )
          }
        />
      )}
    </FormModal>
  );
}
