import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { CommunityTreeSelect } from '../../regions/components/community-tree-select';
import { useCurrentCommunity } from '../../regions/use-current-community';
import { importTemplateUrl, useStartImport } from '../api';

interface FileValues {
  regionCode?: string;
}

/**
 * ① 选择文件: the community or grid the roster belongs to, the template, and the file (XLSX or
 * CSV). Uploading starts the dry run; nothing is written until the report is confirmed.
 */
export function ImportFileStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const community = useCurrentCommunity();
  const [form] = Form.useForm<FileValues>();
  const [file, setFile] = useState<UploadFile>();
  const start = useStartImport();
  const onError = useApiErrorHandler();

  const submit = (values: FileValues) => {
    const raw = file?.originFileObj;
    if (!raw || !values.regionCode) return;
    start.mutate(
      { file: raw, regionCode: values.regionCode },
      {
        onSuccess: (job) => void navigate(`/imports/${job.id}`, { replace: true }),
        onError: (error) => onError(error, form),
      },
    );
  };

  return (
    <Form<FileValues>
      form={form}
      name="importFile"
      layout="vertical"
      onFinish={submit}
      initialValues={{ regionCode: community?.code }}
      style={{ maxWidth: 720 }}
    >
      <Alert type="info" showIcon title={t('importJob.fileHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        label={t('importJob.community')}
        name="regionCode"
        rules={[{ required: true, message: t('importJob.communityRequired') }]}
        extra={t('importJob.communityHint')}
      >
        <CommunityTreeSelect data-testid="import-community" />
      </Form.Item>
      <Form.Item label={t('importJob.file')} required>
        <Flex vertical gap={8}>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={file ? [file] : []}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFile(fileList.at(-1))}
              onRemove={() => setFile(undefined)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('importJob.dropText')}</p>
              <p className="ant-upload-hint">{t('importJob.dropHint')}</p>
            </Upload.Dragger>
          </div>
          <Typography.Link href={importTemplateUrl} data-testid="import-template">
            <DownloadOutlined /> {t('importJob.template')}
          </Typography.Link>
        </Flex>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        icon={<CloudUploadOutlined />}
        disabled={!file}
        loading={start.isPending}
        data-testid="import-start"
      >
        {t('importJob.start')}
      </Button>
    </Form>
  );
}
