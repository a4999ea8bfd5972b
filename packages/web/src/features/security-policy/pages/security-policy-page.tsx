import { defaultSecurityPolicy, SecurityPolicy } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Divider,
  Form,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Switch,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { schemaRule, validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { securityPolicyQuery, useUpdateSecurityPolicy } from '../api';

type NumericKey = Exclude<keyof SecurityPolicy, 'requireSecondFactorForAdmins'>;

/**
 * The policy's settings in groups. Each field is checked with the shared schema (no min/max on the
 * input: silently clamping 6 to 8 would hide from the administrator what was saved).
 */
const groups: { key: 'password' | 'lockout' | 'session'; fields: NumericKey[] }[] = [
  { key: 'password', fields: ['passwordMinLength', 'passwordMinClasses', 'passwordMaxAgeDays'] },
  { key: 'lockout', fields: ['lockoutThreshold', 'lockoutMinutes'] },
  { key: 'session', fields: ['sessionIdleMinutes', 'sessionAbsoluteHours'] },
];

/** 安全策略: passwords, lockout, sessions and second factor, set by the security administrator. */
export function SecurityPolicyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const policy = useQuery(securityPolicyQuery);
  const update = useUpdateSecurityPolicy();
  const [form] = Form.useForm<SecurityPolicy>();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();

  const submit = (values: SecurityPolicy) => {
    const checked = validateForm(form, SecurityPolicy, values);
    if (!('data' in checked)) return notice(checked.unplaced);
    update.mutate(checked.data, {
      onSuccess: (saved) => {
        form.setFieldsValue(saved);
        void message.success(t('policy.saved'));
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <PageContainer title={t('nav.securityPolicy')} description={t('policy.pageDescription')}>
      <QueryState query={policy}>
        {(current) => (
          <Card>
            <Form<SecurityPolicy>
              form={form}
              name="securityPolicy"
              layout="vertical"
              initialValues={current}
              onFinish={submit}
              style={{ maxWidth: 880 }}
            >
              {groups.map((group) => (
                <div key={group.key}>
                  <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
                    {t(`policy.group.${group.key}`)}
                  </Divider>
                  <Row gutter={24}>
                    {group.fields.map((key) => (
                      <Col xs={24} md={12} key={key}>
                        <Form.Item
                          label={t(`policy.${key}`)}
                          name={key}
                          rules={[
                            {
                              required: true,
                              message: t('common.required', { label: t(`policy.${key}`) }),
                            },
                            schemaRule(SecurityPolicy.shape[key]),
                          ]}
                        >
                          <InputNumber precision={0} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </div>
              ))}
              <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
                {t('policy.group.secondFactor')}
              </Divider>
              <Form.Item
                label={t('policy.requireSecondFactorForAdmins')}
                name="requireSecondFactorForAdmins"
                valuePropName="checked"
                extra={t('policy.requireSecondFactorHint')}
              >
                <Switch />
              </Form.Item>
              <Space>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={update.isPending}
                  data-testid="policy-save"
                >
                  {t('common.save')}
                </Button>
                <Button onClick={() => form.resetFields()}>{t('policy.undo')}</Button>
                <Popconfirm
                  title={t('policy.restoreDefaultsConfirm')}
                  onConfirm={() => form.setFieldsValue(defaultSecurityPolicy)}
                >
                  <Button type="link">{t('policy.restoreDefaults')}</Button>
                </Popconfirm>
              </Space>
            </Form>
          </Card>
        )}
      </QueryState>
    </PageContainer>
  );
}
