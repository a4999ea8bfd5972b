import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ComparisonJobView } from '@shequ/core';
import { App, Button, Flex, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { comparisonFileAccept, comparisonUploadType } from '../bulk-comparison';
import { useStartComparison } from '../comparisons-api';

/**
 * The department's file (CSV, XLSX or NDJSON) and the button that uploads it; the comparison
 * then runs in the background and shows up in the job list.
 */
export function ComparisonUpload({ onStarted }: { onStarted: (job: ComparisonJobView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<UploadFile>();
  const start = useStartComparison();
  const onError = useApiErrorHandler();

  const submit = () => {
    const raw = file?.originFileObj;
    if (!raw) return;
    start.mutate(raw, {
      onSuccess: (job) => {
        setFile(undefined);
        onStarted(job);
        void message.success(t('governance.bulk.started', { file: job.fileName }));
      },
      onError: (error) => onError(error),
    });
  };

  return (
    <Flex vertical gap={12}>
      <div data-testid="comparison-upload">
        <Upload.Dragger
          accept={comparisonFileAccept}
          maxCount={1}
          fileList={file ? [file] : []}
          beforeUpload={(picked) => {
            if (!comparisonUploadType(picked.name)) {
              void message.error(t('governance.bulk.unsupported'));
              return Upload.LIST_IGNORE;
            }
            return false;
          }}
          onChange={({ fileList }) => setFile(fileList.at(-1))}
          onRemove={() => setFile(undefined)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('governance.bulk.dropText')}</p>
          <p className="ant-upload-hint">{t('governance.bulk.dropHint')}</p>
        </Upload.Dragger>
      </div>
      <div>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={!file}
          loading={start.isPending}
          onClick={submit}
          data-testid="comparison-start"
        >
          {t('governance.bulk.start')}
        </Button>
      </div>
    </Flex>
  );
}
