import { FileSearchOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { applicationQuery } from '../api';
import { AcceptanceReceipt } from '../components/acceptance-receipt';

/** The acceptance receipt of an application just taken, ready to print. */
export function ReceiptPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const application = useQuery(applicationQuery(id));
  return (
    <PageContainer
      title={t('applications.receipt.pageTitle')}
      extra={
        <>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="receipt-print"
          >
            {t('applications.print')}
          </Button>
          <Button
            icon={<FileSearchOutlined />}
            onClick={() => void navigate(`/applications/${id}`)}
          >
            {t('applications.receipt.toDetail')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => void navigate('/intake')}>
            {t('applications.receipt.another')}
          </Button>
        </>
      }
    >
      <QueryState query={application}>
        {(detail) => (
          <Card className="print-area">
            <AcceptanceReceipt application={detail} />
          </Card>
        )}
      </QueryState>
    </PageContainer>
  );
}
