import { ArrowLeftOutlined, ArrowRightOutlined, CheckOutlined } from '@ant-design/icons';
import type { PersonSummary } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Divider, Flex, Form, Row, Steps, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../api/problem';
import { PageContainer } from '../../../ui/page-container';
import { ErrorResult } from '../../../ui/query-state';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { prefillQuery, uploadScan, useSubmitApplication } from '../api';
import { ApplicantPicker } from '../components/applicant-picker';
import { IntakeContactFields, IntakeFormFields } from '../components/intake-form-fields';
import {
  IntakeSummary,
  OpenApplicationsAlert,
  type IntakeValues,
} from '../components/intake-summary';
import { MaterialsChecklist } from '../components/materials-checklist';
import { MatterPicker } from '../components/matter-picker';
import { firstStepWithProblems, intakeSteps, type IntakeStep } from '../intake-errors';
import {
  defaultSmsPhone,
  initialIntakeValues,
  intakeFieldSpecs,
  newSubmissionKey,
  submittedForm,
} from '../intake-form';
import { pickedScans } from '../scans';
import { parseMatterDefinition } from '../matter-definition';

/**
 * 窗口受理: a community worker takes an application at the window (or on a home visit) in five
 * steps — matter, applicant, the form prefilled from verified data, the materials (held ones
 * waived), confirm — and it is accepted on the spot; the receipt follows.
 */
export function IntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<IntakeValues>();
  const [current, setCurrent] = useState<IntakeStep>('matter');
  const [matterCode, setMatterCode] = useState<string>();
  const [person, setPerson] = useState<PersonSummary>();
  // one key per wizard: a second click, or a retry after a lost answer, cannot file it twice
  const [submissionKey] = useState(() => newSubmissionKey());
  const submit = useSubmitApplication();

  const prefill = useQuery({
    ...prefillQuery(matterCode ?? '', person?.id ?? ''),
    enabled: Boolean(matterCode && person),
  });
  const definition = useMemo(
    () => (prefill.data ? parseMatterDefinition(prefill.data.matter.definition) : undefined),
    [prefill.data],
  );
  const specs = useMemo(
    () =>
      definition && prefill.data ? intakeFieldSpecs(definition.form, prefill.data.fields) : [],
    [definition, prefill.data],
  );

  // A new applicant or matter starts the form again from what the platform holds about them.
  useEffect(() => {
    if (!prefill.data) return;
    form.resetFields();
    form.setFieldsValue({
      form: initialIntakeValues(specs, prefill.data.fields),
      phone: defaultSmsPhone(specs, prefill.data.fields),
      channel: 'window',
      materials: {},
      confirmDuplicate: false,
    });
  }, [form, prefill.data, specs]);

  const index = intakeSteps.indexOf(current);
  const go = (step: IntakeStep) => {
    setCurrent(step);
    window.scrollTo({ top: 0 });
  };

  const next = async () => {
    switch (current) {
      case 'matter':
        if (!matterCode) return void message.warning(t('applications.intake.pickMatter'));
        return go('applicant');
      case 'applicant':
        if (!person) return void message.warning(t('applications.intake.pickPerson'));
        if (!prefill.data) return;
        return go('form');
      case 'form':
        try {
          await form.validateFields([...specs.map((s) => ['form', s.key]), 'phone']);
          go('materials');
        } catch {
          // the fields show what is wrong
        }
        return;
      case 'materials':
        try {
          await form.validateFields(
            (prefill.data?.materials ?? [])
              .filter((m) => !m.exempt)
              .map((m) => ['materials', m.code]),
          );
          go('confirm');
        } catch {
          // the checklist shows what is missing
        }
        return;
      case 'confirm':
        return send();
    }
  };

  const [sendingScans, setSendingScans] = useState(0);
  /** The picked scans go once the application exists; one that fails can be added on its page. */
  const sendScans = async (id: string, scans: { materialCode: string; file: File }[]) => {
    if (scans.length === 0) return;
    setSendingScans(scans.length);
    const results = await Promise.allSettled(
      scans.map((s) => uploadScan(id, s.materialCode, s.file)),
    );
    setSendingScans(0);
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) void message.warning(t('applications.scans.someFailed', { count: failed }));
  };

  const send = async () => {
    if (!matterCode || !person || !prefill.data) return;
    try {
      await form.validateFields(['confirmDuplicate']);
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as IntakeValues;
    submit.mutate(
      {
        matterCode,
        personId: person.id,
        channel: values.channel ?? 'window',
        phone: values.phone?.trim() ?? '',
        form: submittedForm(specs, values.form ?? {}),
        providedMaterials: Object.entries(values.materials ?? {})
          .filter(([, received]) => received === true)
          .map(([code]) => code),
        confirmDuplicate: values.confirmDuplicate === true,
        submissionKey,
      },
      {
        onSuccess: (detail) => {
          void message.success(t('applications.intake.accepted', { number: detail.number }));
          void sendScans(detail.id, pickedScans(values.scans)).then(() =>
            navigate(`/applications/${detail.id}/receipt`, { replace: true }),
          );
        },
        onError: (error) => {
          if (isApiError(error)) {
            const step = firstStepWithProblems(error.fieldErrors);
            if (step) go(step);
          }
          onError(error, form);
        },
      },
    );
  };

  const chosen = [
    prefill.data?.matter.name,
    person && `${person.name}（${person.idNumberMasked}）`,
  ].filter(Boolean);

  return (
    <PageContainer title={t('nav.intake')} description={t('applications.intake.pageDescription')}>
      <Card>
        <Steps
          current={index}
          onChange={(target) => target < index && go(intakeSteps[target]!)}
          data-testid="intake-steps"
          items={intakeSteps.map((step) => ({ title: t(`applications.intake.step.${step}`) }))}
        />
        {chosen.length > 0 && index > 0 && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 16 }}>
            {chosen.join(' · ')}
          </Typography.Text>
        )}
        <Divider style={{ margin: '16px 0' }} />
        <div hidden={current !== 'matter'}>
          <MatterPicker
            value={matterCode}
            onChange={(code) => {
              setMatterCode(code);
              go('applicant');
            }}
          />
        </div>
        <div hidden={current !== 'applicant'}>
          <Flex vertical gap={16}>
            <ApplicantPicker value={person} onChange={setPerson} />
            {prefill.isError && <ErrorResult error={prefill.error} />}
            {prefill.data && <OpenApplicationsAlert prefill={prefill.data} />}
          </Flex>
        </div>
        <Form<IntakeValues>
          form={form}
          name="intake"
          layout="vertical"
          requiredMark
          scrollToFirstError
        >
          {prefill.data && definition && (
            <>
              <div hidden={current !== 'form'} data-testid="intake-form">
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('applications.intake.formHint')}
                />
                <Row gutter={24}>
                  <Col xs={24} xl={16}>
                    <IntakeFormFields specs={specs} />
                  </Col>
                  <Col xs={24} xl={8}>
                    <Card size="small" title={t('applications.intake.contact')}>
                      <IntakeContactFields />
                    </Card>
                  </Col>
                </Row>
              </div>
              <div hidden={current !== 'materials'}>
                <MaterialsChecklist materials={prefill.data.materials} />
              </div>
              {current === 'confirm' && person && (
                <IntakeSummary
                  prefill={prefill.data}
                  person={person}
                  specs={specs}
                  values={form.getFieldsValue(true) as IntakeValues}
                />
              )}
            </>
          )}
          {prefill.data && !definition && (
            <Alert type="error" showIcon title={t('applications.matter.badDefinition')} />
          )}
        </Form>
        <Divider style={{ margin: '16px 0' }} />
        <Flex justify="space-between">
          <Button
            icon={<ArrowLeftOutlined />}
            disabled={index === 0}
            onClick={() => go(intakeSteps[index - 1]!)}
            data-testid="intake-prev"
          >
            {t('applications.intake.prev')}
          </Button>
          {current === 'confirm' ? (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={submit.isPending || sendingScans > 0}
              onClick={() => void send()}
              data-testid="intake-submit"
            >
              {sendingScans > 0
                ? t('applications.scans.uploading', { count: sendingScans })
                : t('applications.intake.submit')}
            </Button>
          ) : (
            <Button
              type="primary"
              loading={current === 'applicant' && prefill.isFetching}
              onClick={() => void next()}
              data-testid="intake-next"
            >
              {t('applications.intake.next')}
              <ArrowRightOutlined />
            </Button>
          )}
        </Flex>
      </Card>
    </PageContainer>
  );
}
