import { PrinterOutlined } from '@ant-design/icons';
import type { ResultDocumentView } from '@shequ/core';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import '../print.css';
import { verificationUrl } from '../tracking-url';
import { QrCode } from './qr-code';

/**
 * The result document (决定书 / 证明) as issued: title, number, body, issuer and date, with the
 * verification code and its QR code, so anyone holding the paper can check it is genuine.
 */
export function ResultDocument({
  document,
  printable = true,
}: {
  document: ResultDocumentView;
  printable?: boolean;
}) {
  const { t } = useTranslation();
  const checkUrl = verificationUrl(window.location.origin, document.verificationCode);
  return (
    <Card
      size="small"
      className={printable ? 'print-area' : undefined}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('applications.document.title')}</span>
          <Tag color={document.decision === 'approved' ? 'success' : 'error'}>
            {t(`applications.document.decision.${document.decision}`)}
          </Tag>
        </Flex>
      }
      extra={
        printable && (
          <Button icon={<PrinterOutlined />} className="no-print" onClick={() => window.print()}>
            {t('applications.print')}
          </Button>
        )
      }
      data-testid="result-document"
    >
      <Flex vertical gap={12} style={{ maxWidth: 760, margin: '0 auto', padding: '8px 0' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', margin: 0, letterSpacing: 2 }}>
          {document.title}
        </Typography.Title>
        <Typography.Text style={{ textAlign: 'center' }} data-testid="document-number">
          {document.documentNumber}
        </Typography.Text>
        <div style={{ fontSize: 15, lineHeight: 2 }}>
          {document.body.map((paragraph, i) => (
            <p key={i} style={{ textIndent: '2em', margin: 0 }}>
              {paragraph}
            </p>
          ))}
        </div>
        <Flex justify="space-between" align="flex-end" gap={16} wrap style={{ marginTop: 16 }}>
          <Flex gap={12} align="center">
            <QrCode text={checkUrl} size={96} alt={t('applications.document.qrAlt')} />
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('applications.document.verificationCode')}
              </Typography.Text>
              <Typography.Text
                strong
                copyable={{ text: document.verificationCode }}
                style={{ fontFamily: 'monospace', fontSize: 16, letterSpacing: 1 }}
                data-testid="verification-code"
              >
                {document.verificationCode}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('applications.document.verifyHint', { url: `${window.location.origin}/verify` })}
              </Typography.Text>
            </Flex>
          </Flex>
          <Flex vertical align="flex-end" gap={2} style={{ fontSize: 15 }}>
            <span>{document.issuerName}</span>
            <span>{document.issuedOn}</span>
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}
