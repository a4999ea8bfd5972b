import { VerificationDecision, type VerificationItem } from '@shequ/core';
import { App, Descriptions, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../ui/form-modal';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useDecision } from '../api';
import { ElementValueInput } from './element-value-input';

interface DecisionValues {
  value?: string;
  reason?: string;
}

/**
 * 退回 (back to the collector, with a reason) or 更正 (the verifier's own value, from the code table
 * when the element has one, with a note) of one collected value.
 */
export function DecisionModal({
  item,
  action,
  onClose,
}: {
  item: VerificationItem;
  action: 'reject' | 'correct';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const decide = useDecision();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const reasonLabel = t(`governance.queue.${action}Reason`);

  const submit = (values: DecisionValues) => {
    const body =
      action === 'reject'
        ? { action, version: item.version, reason: values.reason ?? '' }
        : { action, version: item.version, value: values.value ?? '', reason: values.reason ?? '' };
    const checked = validateForm(form, VerificationDecision, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    decide.mutate(
      { id: item.id, ...checked.data },
      {
        onSuccess: () => {
          void message.success(
            t(`governance.queue.${action}ed`, {
              name: item.person.name,
              element: item.elementName,
            }),
          );
          onClose();
        },
        onError: (error) => onError(error, form),
      },
    );
  };

  return (
    <FormModal<DecisionValues>
      open
      title={t(`governance.queue.${action}Title`, { element: item.elementName })}
      form={form}
      name={`${action}Decision`}
      onSubmit={submit}
      onCancel={onClose}
      submitting={decide.isPending}
      okText={t(`governance.queue.${action}`)}
      initialValues={action === 'correct' ? { value: item.value ?? undefined } : {}}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'person',
            label: t('governance.queue.person'),
            children: `${item.person.name}（${item.person.idMasked}）`,
          },
          {
            key: 'value',
            label: t('governance.queue.collectedValue'),
            children: item.valueLabel ?? '—',
          },
          {
            key: 'collector',
            label: t('governance.queue.collector'),
            children: item.collectedByName,
          },
        ]}
      />
      {action === 'correct' && (
        <Form.Item
          label={t('governance.queue.correctValue')}
          name="value"
          extra={t('governance.queue.correctValueHint')}
        >
          <ElementValueInput elementCode={item.elementCode} data-testid="decision-value" />
        </Form.Item>
      )}
      <Form.Item
        label={reasonLabel}
        name="reason"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: reasonLabel }),
          },
        ]}
      >
        <Input.TextArea rows={2} maxLength={200} showCount data-testid="decision-reason" />
      </Form.Item>
    </FormModal>
  );
}
