import { ReloadOutlined } from '@ant-design/icons';
import type { ApplicationDetail } from '@shequ/core';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { FormModal } from '../../../ui/form-modal';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { RegionSearchSelect } from '../../regions/components/region-search-select';
import {
  actionBody,
  isDestructive,
  needsOpinion,
  offeredActions,
  type ActionFormValues,
  type PanelAction,
} from '../action-form';
import { useApplicationAction } from '../api';

function ActionModal({
  application,
  action,
  onClose,
  onStale,
}: {
  application: ApplicationDetail;
  action: PanelAction;
  onClose: () => void;
  onStale: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const act = useApplicationAction(application.id);
  const onError = useApiErrorHandler();
  const label = t(`applications.action.${action}`);
  const opinionRequired = needsOpinion(action);

  const submit = (values: ActionFormValues) =>
    act.mutate(actionBody(action, values, application.version), {
      onSuccess: () => {
        void message.success(t('applications.panel.done', { action: label }));
        onClose();
      },
      onError: (error) => {
        // someone else moved the application since this page was loaded
        if (isApiError(error) && error.status === 409) {
          onStale(error.detail ?? error.title);
          onClose();
          return;
        }
        onError(error, form);
      },
    });

  return (
    <FormModal<ActionFormValues>
      open
      form={form}
      name={`action_${action}`}
      title={t('applications.panel.modalTitle', { action: label, number: application.number })}
      okText={<span data-testid="action-confirm">{label}</span>}
      submitting={act.isPending}
      onSubmit={submit}
      onCancel={onClose}
      width={560}
      initialValues={{ days: 5 }}
    >
      {isDestructive(action) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`applications.panel.warning.${action === 'withdraw' ? 'withdraw' : 'reject'}`)}
        />
      )}
      {action === 'transfer' && (
        <Form.Item
          name="regionCode"
          label={t('applications.panel.transferTo')}
          rules={[{ required: true, message: t('applications.panel.transferToRequired') }]}
        >
          <RegionSearchSelect
            level="community"
            placeholder={t('applications.panel.transferToPlaceholder')}
            data-testid="action-region"
          />
        </Form.Item>
      )}
      {action === 'request_extension' && (
        <Form.Item
          name="days"
          label={t('applications.panel.days')}
          rules={[{ required: true, message: t('applications.panel.daysRequired') }]}
        >
          <InputNumber
            min={1}
            max={60}
            suffix={t('applications.panel.workingDaysUnit')}
            style={{ width: 200 }}
            data-testid="action-days"
          />
        </Form.Item>
      )}
      {action === 'decide_extension' && application.pendingExtension && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('applications.panel.extensionAsked', {
              days: application.pendingExtension.days,
            })}
            description={application.pendingExtension.reason}
          />
          <Form.Item
            name="approve"
            label={t('applications.panel.extensionDecision')}
            rules={[{ required: true, message: t('applications.panel.extensionDecisionRequired') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('applications.panel.extensionApprove') },
                { value: false, label: t('applications.panel.extensionDeny') },
              ]}
            />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="opinion"
        label={t('applications.panel.opinion')}
        rules={
          opinionRequired
            ? [
                {
                  required: true,
                  whitespace: true,
                  message: t('applications.panel.opinionRequired', { action: label }),
                },
              ]
            : []
        }
        extra={opinionRequired ? undefined : t('applications.panel.opinionOptional')}
      >
        <Input.TextArea
          rows={4}
          maxLength={1000}
          showCount
          placeholder={t(`applications.panel.placeholder.${action}`)}
          data-testid="action-opinion"
        />
      </Form.Item>
    </FormModal>
  );
}

const buttonType = (action: PanelAction): { type?: 'primary'; danger?: boolean } => {
  switch (action) {
    case 'accept':
    case 'approve':
    case 'resubmit':
      return { type: 'primary' };
    case 'reject':
    case 'withdraw':
      return { danger: true };
    case 'return':
    case 'transfer':
    case 'request_extension':
    case 'decide_extension':
    case 'supervise':
      return {};
  }
};

/**
 * 办理: the actions the server says the user may take now, each asking for an opinion (required
 * where a refusal or a return must be explained) and sent with the version shown on the page.
 */
export function ActionPanel({
  application,
  onRefresh,
  refreshing,
}: {
  application: ApplicationDetail;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<PanelAction>();
  const [stale, setStale] = useState<string>();
  const actions = offeredActions(application.allowedActions);
  if (actions.length === 0 && !stale) return null;
  return (
    <Card size="small" title={t('applications.panel.title')} data-testid="action-panel">
      <Flex vertical gap={12}>
        {stale && (
          <Alert
            type="warning"
            showIcon
            title={t('applications.panel.stale')}
            description={stale}
            data-testid="action-stale"
            action={
              <Button
                size="small"
                icon={<ReloadOutlined />}
                loading={refreshing}
                onClick={() => {
                  setStale(undefined);
                  onRefresh();
                }}
              >
                {t('applications.panel.refresh')}
              </Button>
            }
          />
        )}
        {actions.length > 0 && (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('applications.panel.hint', { step: application.stepName })}
            </Typography.Text>
            <Flex gap={8} wrap>
              {actions.map((action) => (
                <Button
                  key={action}
                  {...buttonType(action)}
                  onClick={() => setOpen(action)}
                  data-testid={`action-${action}`}
                >
                  {t(`applications.action.${action}`)}
                </Button>
              ))}
            </Flex>
          </>
        )}
      </Flex>
      {open && (
        <ActionModal
          application={application}
          action={open}
          onClose={() => setOpen(undefined)}
          onStale={setStale}
        />
      )}
    </Card>
  );
}
