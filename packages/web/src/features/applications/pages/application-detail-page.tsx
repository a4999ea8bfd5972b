import { FileTextOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ApplicationDetail } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Flex, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { useCan } from '../../auth/components/me-provider';
import { applicationQuery } from '../api';
import { ActionPanel } from '../components/action-panel';
import { ApplicationFlags } from '../components/application-flags';
import { ApplicationTimeline } from '../components/application-timeline';
import { ResultDocument } from '../components/result-document';
import { StatusTag } from '../components/status-tag';
import { ScanLinks, ScanUploadButton } from '../components/material-scans';
import { TimeLimitTag } from '../components/time-limit-tag';
import { scansOf } from '../scans';
import { isClosed } from '../time-limit';

type Material = ApplicationDetail['materials'][number];
const materialColor: Record<Material['state'], string> = {
  provided: 'blue',
  exempt: 'success',
  // a required material cannot be missing at intake: what is missing is optional or awaited
  missing: 'default',
};

function formValue(field: ApplicationDetail['form'][number], yes: string, no: string): string {
  if (field.display) return field.display;
  if (field.value === null || field.value === '') return '—';
  if (typeof field.value === 'boolean') return field.value ? yes : no;
  return String(field.value);
}

function Summary({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, lg: 2 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      data-testid="application-summary"
      items={[
        {
          key: 'number',
          label: t('applications.number'),
          children: <Typography.Text copyable>{application.number}</Typography.Text>,
        },
        { key: 'matter', label: t('applications.matterName'), children: application.matterName },
        {
          key: 'applicant',
          label: t('applications.applicant'),
          children: `${application.applicantName}（${application.maskedIdNumber}）`,
        },
        {
          key: 'phone',
          label: t('applications.receipt.phone'),
          children: application.maskedPhone || '—',
        },
        { key: 'region', label: t('person.community'), children: application.regionName },
        {
          key: 'channel',
          label: t('applications.intake.channel'),
          children: t(`applications.channel.${application.channel}`),
        },
        {
          key: 'status',
          label: t('applications.queue.status'),
          children: (
            <Flex gap={6} wrap align="center">
              <StatusTag status={application.status} />
              <ApplicationFlags application={application} />
            </Flex>
          ),
        },
        {
          key: 'step',
          label: t('applications.step'),
          children: `${application.stepName}（${t(`applications.stepKind.${application.stepKind}`)}）`,
        },
        {
          key: 'accepted',
          label: t('applications.receipt.acceptedOn'),
          children: application.acceptedOn ?? '—',
        },
        {
          key: 'deadline',
          label: t('applications.deadline'),
          children: isClosed(application.status) ? (
            (application.deadline ?? '—')
          ) : (
            <TimeLimitTag
              deadline={application.deadline}
              state={application.timeLimitState}
              paused={application.paused}
              workingDaysLeft={application.workingDaysLeft}
            />
          ),
        },
        {
          key: 'limit',
          label: t('applications.matter.timeLimit'),
          children: t('applications.timeLimit.workingDays', { count: application.limitDays }),
        },
      ]}
    />
  );
}

/**
 * 办件详情: where an application stands and how it got there — summary, form, materials, the
 * timeline of every action, the result document once decided — and what the user may do now.
 */
export function ApplicationDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const canIntake = useCan('application:intake');
  const query = useQuery(applicationQuery(id));
  const refresh = () => void query.refetch();
  return (
    <PageContainer
      title={t('applications.detail.title')}
      description={query.data && `${query.data.number} · ${query.data.matterName}`}
      extra={
        <>
          {canIntake && query.data?.acceptedOn && (
            <Button
              icon={<FileTextOutlined />}
              onClick={() => void navigate(`/applications/${id}/receipt`)}
            >
              {t('applications.detail.receipt')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={query.isRefetching}>
            {t('applications.panel.refresh')}
          </Button>
        </>
      }
    >
      <QueryState query={query}>
        {(application) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Flex vertical gap={16}>
                <Card size="small" title={t('applications.detail.summary')}>
                  <Summary application={application} />
                </Card>
                {application.document && <ResultDocument document={application.document} />}
                <Card size="small" title={t('applications.detail.form')}>
                  <Descriptions
                    size="small"
                    bordered
                    column={{ xs: 1, lg: 2 }}
                    styles={{ label: { whiteSpace: 'nowrap' } }}
                    data-testid="application-form"
                    items={application.form.map((field) => ({
                      key: field.key,
                      label: field.label,
                      children: formValue(field, t('common.yes'), t('common.no')),
                    }))}
                  />
                </Card>
                <Card size="small" title={t('applications.detail.materials')}>
                  <Table<Material>
                    size="small"
                    rowKey="code"
                    pagination={false}
                    dataSource={application.materials}
                    data-testid="application-materials"
                    columns={[
                      { title: t('applications.matter.materialName'), dataIndex: 'name' },
                      {
                        title: t('applications.intake.materialState'),
                        dataIndex: 'state',
                        width: 110,
                        render: (state: Material['state']) => (
                          <Tag color={materialColor[state]}>
                            {t(`applications.materialState.${state}`)}
                          </Tag>
                        ),
                      },
                      {
                        title: t('applications.detail.materialReason'),
                        dataIndex: 'reason',
                        render: (reason: string | null) => reason ?? '—',
                      },
                      {
                        title: t('applications.scans.title'),
                        key: 'scans',
                        render: (_, material) =>
                          material.state === 'exempt' ? (
                            '—'
                          ) : (
                            <Flex vertical gap={6} align="flex-start">
                              <ScanLinks
                                applicationId={application.id}
                                files={scansOf(application.files, material.code)}
                              />
                              {application.mayAttach && (
                                <ScanUploadButton
                                  applicationId={application.id}
                                  materialCode={material.code}
                                />
                              )}
                            </Flex>
                          ),
                      },
                    ]}
                  />
                </Card>
              </Flex>
            </Col>
            <Col xs={24} xl={8}>
              <Flex vertical gap={16}>
                <ActionPanel
                  application={application}
                  onRefresh={refresh}
                  refreshing={query.isRefetching}
                />
                <Card size="small" title={t('applications.detail.timeline')}>
                  <ApplicationTimeline
                    rows={application.timeline.map((entry) => ({
                      key: entry.id,
                      stepName: entry.stepName,
                      action: entry.action,
                      unit: entry.actorUnit,
                      actorName: entry.actorName,
                      opinion: entry.opinion,
                      at: entry.at,
                    }))}
                  />
                </Card>
              </Flex>
            </Col>
          </Row>
        )}
      </QueryState>
    </PageContainer>
  );
}
