import { DownloadOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useCan } from '../../auth/components/me-provider';
import { exportPeopleUnmasked, peopleExportUrl, type PersonFilter } from '../api';
import { PurposeModal } from './purpose-modal';

/**
 * 导出 Excel (masked) and, for users who may see full values, 导出完整信息 after stating a
 * purpose that goes into the audit log with the export.
 */
export function PeopleExportButtons({ filter }: { filter: PersonFilter }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canExport = useCan('person:export');
  const canUnmask = useCan('person:unmask');
  const onError = useApiErrorHandler();
  const [asking, setAsking] = useState(false);
  const [exporting, setExporting] = useState(false);
  if (!canExport) return null;

  const exportUnmasked = (purpose: string) => {
    setExporting(true);
    exportPeopleUnmasked(filter, purpose)
      .then(() => {
        void message.success(t('person.exportStarted'));
        setAsking(false);
      }, onError)
      .finally(() => setExporting(false));
  };

  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        href={peopleExportUrl(filter)}
        data-testid="people-export"
      >
        {t('common.exportExcel')}
      </Button>
      {canUnmask && (
        <Button
          icon={<UnlockOutlined />}
          onClick={() => setAsking(true)}
          data-testid="people-export-unmasked"
        >
          {t('person.exportUnmasked')}
        </Button>
      )}
      {asking && (
        <PurposeModal
          title={t('person.exportUnmasked')}
          hint={t('person.exportUnmaskedHint')}
          okText={t('person.exportUnmaskedOk')}
          submitting={exporting}
          onSubmit={exportUnmasked}
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
}
