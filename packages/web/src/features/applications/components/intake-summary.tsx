import type { PersonSummary, PrefillView } from '@shequ/core';
import { Alert, Checkbox, Descriptions, Flex, Form, Tag, Typography, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import type { IntakeFieldSpec, IntakeValue } from '../intake-form';
import { StatusTag } from './status-tag';

export interface IntakeValues {
  form?: Record<string, IntakeValue>;
  phone?: string;
  channel?: 'window' | 'visit';
  materials?: Record<string, boolean | undefined>;
  /** Scans picked per material, sent once the application is filed. */
  scans?: Record<string, UploadFile[] | undefined>;
  confirmDuplicate?: boolean;
}

/** The open applications of the same matter: the duplicate guard, with a link to each. */
export function OpenApplicationsAlert({ prefill }: { prefill: PrefillView }) {
  const { t } = useTranslation();
  if (prefill.openApplications.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="open-applications"
      title={t('applications.intake.openApplications', { count: prefill.openApplications.length })}
      description={
        <Flex vertical gap={4}>
          {prefill.openApplications.map((open) => (
            <Flex key={open.id} gap={8} align="center" wrap>
              <Link to={`/applications/${open.id}`} target="_blank">
                {open.number}
              </Link>
              <StatusTag status={open.status} />
              <Typography.Text type="secondary">{formatDateTime(open.submittedAt)}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}

function displayOf(spec: IntakeFieldSpec, value: IntakeValue, yes: string, no: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (spec.type === 'boolean') return value ? yes : no;
  if (spec.type === 'code')
    return spec.options?.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}

/** Step ⑤ of the intake: everything once more before it is submitted and accepted. */
export function IntakeSummary({
  prefill,
  person,
  specs,
  values,
}: {
  prefill: PrefillView;
  person: PersonSummary;
  specs: readonly IntakeFieldSpec[];
  values: IntakeValues;
}) {
  const { t } = useTranslation();
  const received = prefill.materials.filter((m) => !m.exempt && values.materials?.[m.code]);
  const waived = prefill.materials.filter((m) => m.exempt);
  return (
    <Flex vertical gap={16} data-testid="intake-summary">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        title={t('applications.intake.summaryApplication')}
        items={[
          { key: 'matter', label: t('applications.matterName'), children: prefill.matter.name },
          {
            key: 'limit',
            label: t('applications.matter.timeLimit'),
            children: t('applications.timeLimit.workingDays', {
              count: prefill.matter.timeLimitDays,
            }),
          },
          {
            key: 'applicant',
            label: t('applications.applicant'),
            children: `${prefill.person.name}（${prefill.person.maskedIdNumber}）`,
          },
          { key: 'region', label: t('person.community'), children: person.regionName },
          {
            key: 'channel',
            label: t('applications.intake.channel'),
            children: t(`applications.channel.${values.channel ?? 'window'}`),
          },
          { key: 'phone', label: t('applications.intake.smsPhone'), children: values.phone ?? '—' },
        ]}
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        title={t('applications.intake.summaryForm')}
        items={specs.map((spec) => ({
          key: spec.key,
          label: spec.label,
          children: displayOf(spec, values.form?.[spec.key], t('common.yes'), t('common.no')),
        }))}
      />
      <Descriptions
        size="small"
        bordered
        column={1}
        title={t('applications.intake.summaryMaterials')}
        items={[
          {
            key: 'received',
            label: t('applications.materialState.provided'),
            children:
              received.length > 0 ? (
                <Flex gap={6} wrap>
                  {received.map((m) => {
                    const scans = values.scans?.[m.code]?.length ?? 0;
                    return (
                      <Tag key={m.code} color="blue">
                        {m.name}
                        {scans > 0 && t('applications.scans.count', { count: scans })}
                      </Tag>
                    );
                  })}
                </Flex>
              ) : (
                '—'
              ),
          },
          {
            key: 'waived',
            label: t('applications.materialState.exempt'),
            children:
              waived.length > 0 ? (
                <Flex gap={6} wrap>
                  {waived.map((m) => (
                    <Tag key={m.code} color="success">
                      {m.name}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {prefill.openApplications.length > 0 && (
        <Flex vertical gap={8}>
          <OpenApplicationsAlert prefill={prefill} />
          <Form.Item
            name="confirmDuplicate"
            valuePropName="checked"
            rules={[
              {
                validator: async (_rule, checked: unknown) => {
                  if (checked !== true)
                    throw new Error(t('applications.intake.confirmDuplicateRequired'));
                },
              },
            ]}
          >
            <Checkbox data-testid="confirm-duplicate">
              {t('applications.intake.confirmDuplicate')}
            </Checkbox>
          </Form.Item>
        </Flex>
      )}
    </Flex>
  );
}
