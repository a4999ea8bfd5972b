import { DiscrepancyRuling, type DiscrepancyView } from '@shequ/core';
import { App, Button, Card, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useRuling } from '../api';
import { ElementValueInput } from './element-value-input';

interface RulingValues {
  value?: string | null;
  reason?: string;
}

/**
 * 核准: the verifying department decides the authoritative value of a disputed element — ours,
 * theirs or another — with a reason; the value is written back and every open case of it closes.
 */
export function RulingForm({ discrepancy }: { discrepancy: DiscrepancyView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RulingValues>();
  const rule = useRuling();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = (values: RulingValues) => {
    const value = values.value?.trim() ? values.value : null;
    const body = { value, reason: values.reason ?? '', version: discrepancy.version };
    const checked = validateForm(form, DiscrepancyRuling, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    rule.mutate(
      { id: discrepancy.id, ...checked.data },
      {
        onSuccess: (ruled) =>
          void message.success(
            t('governance.discrepancy.ruled', {
              element: ruled.elementName,
              value: ruled.rulingValueLabel ?? t('governance.discrepancy.noValue'),
            }),
          ),
        onError: (error) => onError(error, form),
      },
    );
  };

  const take = (value: string | null) => form.setFieldValue('value', value ?? undefined);

  return (
    <Card size="small" title={t('governance.discrepancy.rulingTitle')} data-testid="ruling-form">
      <Form<RulingValues>
        form={form}
        name="ruling"
        layout="vertical"
        onFinish={submit}
        initialValues={{ value: discrepancy.ourValue ?? undefined }}
      >
        <Form.Item
          label={t('governance.discrepancy.rulingValue')}
          extra={t('governance.discrepancy.rulingValueHint')}
        >
          <Flex vertical gap={8}>
            <Flex gap={8} wrap>
              <Button size="small" onClick={() => take(discrepancy.ourValue)}>
                {t('governance.discrepancy.takeOurs', {
                  value: discrepancy.ourValueLabel ?? t('governance.discrepancy.noValue'),
                })}
              </Button>
              <Button
                size="small"
                onClick={() => take(discrepancy.theirValue)}
                data-testid="ruling-take-theirs"
              >
                {t('governance.discrepancy.takeTheirs', {
                  value: discrepancy.theirValueLabel ?? t('governance.discrepancy.noValue'),
                })}
              </Button>
            </Flex>
            <Form.Item name="value" noStyle>
              <ElementValueInput elementCode={discrepancy.elementCode} data-testid="ruling-value" />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item
          label={t('governance.discrepancy.rulingReason')}
          name="reason"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { label: t('governance.discrepancy.rulingReason') }),
            },
          ]}
        >
          <Input.TextArea
            rows={2}
            maxLength={200}
            showCount
            placeholder={t('governance.discrepancy.rulingReasonPlaceholder')}
            data-testid="ruling-reason"
          />
        </Form.Item>
        <Flex justify="flex-end">
          <Button
            type="primary"
            htmlType="submit"
            loading={rule.isPending}
            data-testid="ruling-submit"
          >
            {t('governance.discrepancy.rule')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
