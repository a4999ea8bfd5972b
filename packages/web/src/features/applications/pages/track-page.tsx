import { SearchOutlined } from '@ant-design/icons';
import { TrackQuery } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Divider,
  Flex,
  Form,
  Input,
  Skeleton,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { schemaRule } from '../../../ui/form-errors';
import { formatDateTime } from '../../../ui/format';
import { trackQuery } from '../api';
import { ApplicationTimeline } from '../components/application-timeline';
import { PublicFrame } from '../components/public-frame';
import { ResultDocument } from '../components/result-document';
import { StatusTag } from '../components/status-tag';

interface TrackValues {
  number: string;
  phone: string;
}

/** 办件查询 (public): a resident follows an application with its number and the phone given. */
export function TrackPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [asked, setAsked] = useState<TrackValues>();
  const tracked = useQuery(trackQuery(asked?.number ?? '', asked?.phone ?? ''));

  const submit = (values: TrackValues) => {
    const next = { number: values.number.trim().toUpperCase(), phone: values.phone.trim() };
    setAsked(next);
    // the number stays in the address (the receipt's QR code links here); the phone does not
    setParams({ number: next.number }, { replace: true });
  };

  return (
    <PublicFrame title={t('applications.track.title')}>
      <Typography.Paragraph type="secondary">{t('applications.track.hint')}</Typography.Paragraph>
      <Form<TrackValues>
        name="track"
        layout="inline"
        onFinish={submit}
        initialValues={{ number: params.get('number') ?? '', phone: '' }}
        style={{ rowGap: 12 }}
      >
        <Form.Item
          name="number"
          label={t('applications.number')}
          rules={[
            { required: true, whitespace: true, message: t('applications.track.numberRequired') },
            schemaRule(TrackQuery.shape.number),
          ]}
        >
          <Input placeholder="SQ20260302000001" style={{ width: 220 }} data-testid="track-number" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('applications.track.phone')}
          rules={[
            { required: true, whitespace: true, message: t('applications.track.phoneRequired') },
            schemaRule(TrackQuery.shape.phone),
          ]}
        >
          <Input maxLength={11} style={{ width: 160 }} data-testid="track-phone" />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SearchOutlined />}
            loading={tracked.isFetching}
            data-testid="track-submit"
          >
            {t('applications.track.submit')}
          </Button>
        </Form.Item>
      </Form>
      {asked && (
        <>
          <Divider />
          {tracked.isPending ? (
            <Skeleton active />
          ) : tracked.isError ? (
            <Alert
              type="error"
              showIcon
              data-testid="track-error"
              title={
                isApiError(tracked.error)
                  ? (tracked.error.detail ?? tracked.error.title)
                  : t('error.unexpected')
              }
            />
          ) : (
            <Flex vertical gap={20} data-testid="track-result">
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'number', label: t('applications.number'), children: tracked.data.number },
                  {
                    key: 'matter',
                    label: t('applications.matterName'),
                    children: tracked.data.matterName,
                  },
                  {
                    key: 'status',
                    label: t('applications.queue.status'),
                    children: <StatusTag status={tracked.data.status} />,
                  },
                  { key: 'step', label: t('applications.step'), children: tracked.data.stepName },
                  {
                    key: 'submitted',
                    label: t('applications.submittedAt'),
                    children: formatDateTime(tracked.data.submittedAt),
                  },
                  {
                    key: 'deadline',
                    label: t('applications.receipt.deadline'),
                    children: tracked.data.deadline ?? '—',
                  },
                ]}
              />
              <div>
                <Typography.Title level={5}>{t('applications.detail.timeline')}</Typography.Title>
                <ApplicationTimeline
                  rows={tracked.data.timeline.map((entry, i) => ({
                    key: String(i),
                    stepName: entry.stepName,
                    action: entry.action,
                    unit: entry.unit,
                    opinion: entry.opinion,
                    at: entry.at,
                  }))}
                />
              </div>
              {tracked.data.document && (
                <ResultDocument document={tracked.data.document} printable={false} />
              )}
            </Flex>
          )}
        </>
      )}
    </PublicFrame>
  );
}
