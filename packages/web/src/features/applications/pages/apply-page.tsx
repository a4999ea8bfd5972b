import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { OnlineApplicationInput, parseIdNumber, type MatterSummary } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { schemaRule } from '../../../ui/form-errors';
import { QueryState } from '../../../ui/query-state';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { publicMatterQuery, publicMattersQuery, useSubmitOnline } from '../api';
import { CommunityCascader } from '../components/community-cascader';
import { IntakeFormFields } from '../components/intake-form-fields';
import { MatterDetail } from '../components/matter-detail';
import { PublicFrame } from '../components/public-frame';
import { SmsCodeButton } from '../components/sms-code-button';
import {
  intakeFieldSpecs,
  newSubmissionKey,
  submittedForm,
  type IntakeValue,
} from '../intake-form';
import { isMatterCategory, parseMatterDefinition } from '../matter-definition';
import { trackingUrl } from '../tracking-url';

interface ApplyValues {
  regionCode: string;
  name: string;
  idNumber: string;
  phone: string;
  code: string;
  form?: Record<string, IntakeValue>;
}

const shape = OnlineApplicationInput.shape;

function MatterCard({
  matter,
  selected,
  onClick,
}: {
  matter: MatterSummary;
  selected: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      hoverable
      onClick={onClick}
      style={{
        height: '100%',
        borderColor: selected ? '#1456a8' : undefined,
        boxShadow: selected ? '0 0 0 2px rgba(20,86,168,0.2)' : undefined,
      }}
      data-testid="apply-matter"
      data-code={matter.code}
    >
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {matter.name}
          </Typography.Text>
          {selected && <CheckCircleFilled style={{ color: '#1456a8', fontSize: 18 }} />}
        </Flex>
        <Flex gap={6} wrap>
          <Tag style={{ marginInlineEnd: 0 }}>
            {isMatterCategory(matter.category)
              ? t(`applications.category.${matter.category}`)
              : matter.category}
          </Tag>
          <Tag icon={<ClockCircleOutlined />} color="blue" style={{ marginInlineEnd: 0 }}>
            {t('applications.timeLimit.workingDays', { count: matter.timeLimitDays })}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {matter.departmentName}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/**
 * 网上申请 (public): a resident picks an online matter, reads its guide, gives the community, name,
 * ID number and phone, confirms the phone with a texted code, fills the matter's form and
 * submits; the application number and the tracking link follow.
 */
export function ApplyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<ApplyValues>();
  const [matterCode, setMatterCode] = useState<string>();
  const [filling, setFilling] = useState(false);
  const [submissionKey, setSubmissionKey] = useState(() => newSubmissionKey());
  const [refusal, setRefusal] = useState<string>();
  const [done, setDone] = useState<{ number: string; phone: string }>();
  const matters = useQuery(publicMattersQuery);
  const matter = useQuery(publicMatterQuery(matterCode ?? ''));
  const submit = useSubmitOnline();

  const definition = useMemo(
    () => (matter.data ? parseMatterDefinition(matter.data.definition) : undefined),
    [matter.data],
  );
  const specs = useMemo(() => (definition ? intakeFieldSpecs(definition.form) : []), [definition]);

  const choose = (code: string) => {
    if (code !== matterCode) {
      form.setFieldValue('form', {});
      setSubmissionKey(newSubmissionKey());
    }
    setMatterCode(code);
    setRefusal(undefined);
  };

  const send = (values: ApplyValues) => {
    if (!matterCode) return;
    setRefusal(undefined);
    const body = {
      matterCode,
      regionCode: values.regionCode,
      name: values.name.trim(),
      idNumber: values.idNumber.trim().toUpperCase(),
      phone: values.phone.trim(),
      code: values.code.trim(),
      form: submittedForm(specs, values.form ?? {}),
      submissionKey,
    };
    submit.mutate(body, {
      onSuccess: ({ number }) => {
        // an earlier attempt's error (a wrong code) is not left over the success
        message.destroy();
        setDone({ number, phone: body.phone });
        window.scrollTo({ top: 0 });
      },
      onError: (error) => {
        // an open application of the same matter names `matterCode`: no field of the form shows it
        const matterProblem = isApiError(error)
          ? error.fieldErrors.find((p) => p.path === 'matterCode')
          : undefined;
        if (matterProblem) setRefusal(matterProblem.message);
        onError(error, form);
      },
    });
  };

  const step = done ? 2 : filling ? 1 : 0;

  return (
    <PublicFrame title={t('applications.apply.title')}>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[
          { title: t('applications.apply.stepMatter') },
          { title: t('applications.apply.stepForm') },
          { title: t('applications.apply.stepDone') },
        ]}
      />
      {done ? (
        <Result
          status="success"
          title={t('applications.apply.submitted')}
          subTitle={t('applications.apply.submittedHint')}
          data-testid="apply-done"
          extra={
            <Flex vertical align="center" gap={16}>
              <Typography.Text style={{ fontSize: 16 }}>
                {t('applications.number')}：
                <Typography.Text
                  strong
                  copyable
                  style={{ fontSize: 20, fontFamily: 'monospace' }}
                  data-testid="apply-number"
                >
                  {done.number}
                </Typography.Text>
              </Typography.Text>
              {/* a button with href renders one link: a button inside a link is not valid HTML */}
              <Button type="primary" href={trackingUrl('', done.number)} data-testid="apply-track">
                {t('applications.apply.toTrack')}
              </Button>
            </Flex>
          }
        />
      ) : (
        <>
          <div hidden={filling}>
            <Typography.Paragraph type="secondary">
              {t('applications.apply.hint')}
            </Typography.Paragraph>
            <QueryState query={matters}>
              {(list) =>
                list.length === 0 ? (
                  <Empty description={t('applications.apply.noMatter')} />
                ) : (
                  <Row gutter={[16, 16]}>
                    {list.map((m) => (
                      <Col key={m.code} xs={24} md={12}>
                        <MatterCard
                          matter={m}
                          selected={m.code === matterCode}
                          onClick={() => choose(m.code)}
                        />
                      </Col>
                    ))}
                  </Row>
                )
              }
            </QueryState>
            {matterCode && (
              <>
                <Divider />
                <QueryState query={matter}>
                  {(view) => (
                    <Flex vertical gap={16} data-testid="apply-guide">
                      <Typography.Title level={5} style={{ margin: 0 }}>
                        {t('applications.apply.guide', { name: view.name })}
                      </Typography.Title>
                      <Alert type="info" showIcon title={t('applications.apply.bringMaterials')} />
                      <MatterDetail summary={view} definition={definition} />
                      <Flex justify="flex-end">
                        <Button
                          type="primary"
                          disabled={!definition}
                          onClick={() => {
                            setFilling(true);
                            window.scrollTo({ top: 0 });
                          }}
                          data-testid="apply-start"
                        >
                          {t('applications.apply.start')}
                        </Button>
                      </Flex>
                    </Flex>
                  )}
                </QueryState>
              </>
            )}
          </div>
          <div hidden={!filling}>
            <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {matter.data?.name}
              </Typography.Text>
              <Button onClick={() => setFilling(false)} data-testid="apply-back">
                {t('applications.apply.changeMatter')}
              </Button>
            </Flex>
            {refusal && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title={refusal}
                data-testid="apply-refusal"
              />
            )}
            <Form<ApplyValues>
              form={form}
              name="apply"
              layout="vertical"
              requiredMark
              scrollToFirstError
              onFinish={send}
              data-testid="apply-form"
            >
              <Typography.Title level={5}>{t('applications.apply.applicant')}</Typography.Title>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="name"
                    label={t('person.name')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('applications.apply.nameRequired'),
                      },
                      schemaRule(shape.name),
                    ]}
                  >
                    <Input maxLength={50} data-testid="apply-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="idNumber"
                    label={t('applications.apply.idNumber')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('applications.apply.idNumberRequired'),
                      },
                      {
                        validator: async (_rule, value: unknown) => {
                          if (typeof value !== 'string' || !value.trim()) return;
                          const parsed = parseIdNumber(
                            value.trim().toUpperCase(),
                            dayjs().format('YYYY-MM-DD'),
                          );
                          if (!parsed.ok) throw new Error(parsed.message);
                        },
                      },
                    ]}
                  >
                    <Input maxLength={18} data-testid="apply-id-number" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="regionCode"
                    label={t('applications.apply.community')}
                    extra={t('applications.apply.communityHint')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('applications.apply.communityRequired'),
                      },
                    ]}
                  >
                    <CommunityCascader />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Title level={5}>{t('applications.apply.phoneTitle')}</Typography.Title>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="phone"
                    label={t('applications.track.phone')}
                    extra={t('applications.apply.phoneHint')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('applications.track.phoneRequired'),
                      },
                      schemaRule(shape.phone),
                    ]}
                  >
                    <Input maxLength={11} data-testid="apply-phone" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('applications.apply.code')} required>
                    <Space.Compact style={{ width: '100%' }}>
                      <Form.Item
                        name="code"
                        noStyle
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('applications.apply.codeRequired'),
                          },
                          schemaRule(shape.code),
                        ]}
                      >
                        <Input maxLength={6} inputMode="numeric" data-testid="apply-code" />
                      </Form.Item>
                      <SmsCodeButton form={form} phoneField="phone" />
                    </Space.Compact>
                  </Form.Item>
                </Col>
              </Row>
              {specs.length > 0 && (
                <>
                  <Typography.Title level={5}>{t('applications.apply.formTitle')}</Typography.Title>
                  <div data-testid="apply-matter-form">
                    <IntakeFormFields specs={specs} />
                  </div>
                </>
              )}
              <Divider />
              <Flex justify="flex-end">
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={submit.isPending}
                  data-testid="apply-submit"
                >
                  {t('applications.apply.submit')}
                </Button>
              </Flex>
            </Form>
          </div>
        </>
      )}
    </PublicFrame>
  );
}
