import { FilePdfOutlined, FileImageOutlined, UploadOutlined } from '@ant-design/icons';
import type { ApplicationFileView } from '@shequ/core';
import { App, Button, Flex, Typography, Upload, type UploadFile } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useAttachScan } from '../api';
import { fileSize, SCAN_ACCEPT, scanProblem, scanUrl } from '../scans';

/** The message for a file that cannot be a scan, or undefined when it can. */
function problemText(t: TFunction, file: File): string | undefined {
  const problem = scanProblem(file);
  return problem && t(`applications.scans.problem.${problem}`, { name: file.name });
}

/**
 * The scans attached to one material: each opens in a new tab (the server audits the read).
 */
export function ScanLinks({
  applicationId,
  files,
}: {
  applicationId: string;
  files: readonly ApplicationFileView[];
}) {
  const { t } = useTranslation();
  if (files.length === 0) {
    return <Typography.Text type="secondary">{t('applications.scans.none')}</Typography.Text>;
  }
  return (
    <Flex vertical gap={2} data-testid="scan-links">
      {files.map((f) => (
        <Typography.Link
          key={f.id}
          href={scanUrl(applicationId, f.id)}
          target="_blank"
          rel="noopener"
          title={t('applications.scans.open', { name: f.fileName })}
        >
          {f.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}{' '}
          {f.fileName}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {fileSize(f.sizeBytes)}
          </Typography.Text>
        </Typography.Link>
      ))}
    </Flex>
  );
}

/** Uploads a scan of a material straight away, from the application's page. */
export function ScanUploadButton({
  applicationId,
  materialCode,
}: {
  applicationId: string;
  materialCode: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const attach = useAttachScan(applicationId);
  // several files may be chosen at once: each is sent and answered on its own
  const [sending, setSending] = useState(0);
  return (
    <Upload
      accept={SCAN_ACCEPT}
      showUploadList={false}
      multiple
      beforeUpload={(file) => {
        const problem = problemText(t, file);
        if (problem) {
          void message.error(problem);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError: failed }) => {
        setSending((n) => n + 1);
        attach
          .mutateAsync({ materialCode, file: file as File })
          .then((stored) => {
            void message.success(t('applications.scans.uploaded', { name: stored.fileName }));
            onSuccess?.(stored);
          })
          .catch((error: unknown) => {
            onError(error);
            failed?.(error as Error);
          })
          .finally(() => setSending((n) => n - 1));
      }}
    >
      <Button
        size="small"
        icon={<UploadOutlined />}
        loading={sending > 0}
        data-testid={`scan-upload-${materialCode}`}
      >
        {t('applications.scans.attach')}
      </Button>
    </Upload>
  );
}

/**
 * Picks scans of a material in the intake wizard; they are sent once the application exists.
 * Used as a form control (`value` is antd's file list).
 */
export function ScanPicker({
  value,
  onChange,
  materialCode,
}: {
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
  materialCode: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Upload
      accept={SCAN_ACCEPT}
      multiple
      fileList={value ?? []}
      beforeUpload={(file) => {
        const problem = problemText(t, file);
        if (problem) void message.error(problem);
        // nothing is sent now: the files wait for the application to be filed
        return problem ? Upload.LIST_IGNORE : false;
      }}
      onChange={({ fileList }) => onChange?.(fileList)}
    >
      <Button size="small" icon={<UploadOutlined />} data-testid={`scan-pick-${materialCode}`}>
        {t('applications.scans.pick')}
      </Button>
    </Upload>
  );
}
