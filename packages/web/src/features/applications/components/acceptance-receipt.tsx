import type { ApplicationDetail } from '@shequ/core';
import { Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import '../print.css';
import { trackingUrl } from '../tracking-url';
import { QrCode } from './qr-code';

/**
 * 受理回执: what the resident takes home — the number, the matter, who accepted it and when, the
 * committed deadline, the materials received and waived, and a QR code of the tracking page.
 */
export function AcceptanceReceipt({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  const accepted = application.timeline.find((entry) => entry.action === 'accept');
  const received = application.materials.filter((m) => m.state === 'provided');
  const waived = application.materials.filter((m) => m.state === 'exempt');
  const url = trackingUrl(window.location.origin, application.number);
  const names = (list: typeof received) =>
    list.length > 0 ? list.map((m) => m.name).join('；') : '—';

  return (
    <Flex vertical gap={16} style={{ maxWidth: 820, margin: '0 auto' }} data-testid="receipt">
      <Typography.Title level={3} style={{ textAlign: 'center', margin: 0, letterSpacing: 4 }}>
        {t('applications.receipt.title')}
      </Typography.Title>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text>
          {t('applications.number')}：
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="receipt-number">
            {application.number}
          </Typography.Text>
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('applications.receipt.issuedOn', { date: application.acceptedOn ?? '—' })}
        </Typography.Text>
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={2}
        styles={{ label: { width: 130 } }}
        items={[
          {
            key: 'matter',
            label: t('applications.matterName'),
            span: 2,
            children: application.matterName,
          },
          {
            key: 'applicant',
            label: t('applications.applicant'),
            children: application.applicantName,
          },
          { key: 'id', label: t('person.idNumber'), children: application.maskedIdNumber },
          {
            key: 'phone',
            label: t('applications.receipt.phone'),
            children: application.maskedPhone || '—',
          },
          {
            key: 'channel',
            label: t('applications.intake.channel'),
            children: t(`applications.channel.${application.channel}`),
          },
          {
            key: 'unit',
            label: t('applications.receipt.unit'),
            children: accepted?.actorUnit ?? application.regionName,
          },
          {
            key: 'acceptedOn',
            label: t('applications.receipt.acceptedOn'),
            children: application.acceptedOn ?? '—',
          },
          {
            key: 'limit',
            label: t('applications.matter.timeLimit'),
            children: t('applications.timeLimit.workingDays', { count: application.limitDays }),
          },
          {
            key: 'deadline',
            label: t('applications.receipt.deadline'),
            children: (
              <Typography.Text strong data-testid="receipt-deadline">
                {application.deadline ?? '—'}
              </Typography.Text>
            ),
          },
          {
            key: 'received',
            label: t('applications.materialState.provided'),
            span: 2,
            children: names(received),
          },
          {
            key: 'waived',
            label: t('applications.materialState.exempt'),
            span: 2,
            children: (
              <Flex vertical gap={2} data-testid="receipt-waived">
                {waived.length === 0
                  ? '—'
                  : waived.map((m) => (
                      <span key={m.code}>
                        {m.name}
                        {m.reason && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            （{m.reason}）
                          </Typography.Text>
                        )}
                      </span>
                    ))}
              </Flex>
            ),
          },
        ]}
      />
      <Flex gap={16} align="center">
        <QrCode
          text={url}
          size={120}
          alt={t('applications.receipt.qrAlt')}
          data-testid="receipt-qr"
        />
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('applications.receipt.trackTitle')}</Typography.Text>
          <Typography.Text type="secondary">{t('applications.receipt.trackHint')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="receipt-url">
            {url}
          </Typography.Text>
        </Flex>
      </Flex>
      <Flex justify="space-between" wrap gap={8} style={{ marginTop: 24 }}>
        <Typography.Text>{t('applications.receipt.applicantSign')}</Typography.Text>
        <Typography.Text>{t('applications.receipt.unitSeal')}</Typography.Text>
      </Flex>
    </Flex>
  );
}
