import { DownloadOutlined } from '@ant-design/icons';
import type { DataElementView } from '@shequ/core';
import { Collapse, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { comparisonExampleCsv, comparisonExampleIdNumber } from '../bulk-comparison';
import { saveTextFile } from '../save-text-file';

/**
 * What the file must hold: the three columns with an example each, the example file (made here in
 * the browser), and the element codes this department may compare.
 */
export function ComparisonFileFormat({ elements }: { elements: readonly DataElementView[] }) {
  const { t } = useTranslation();
  const columns = [
    {
      key: 'idNumber',
      column: t('governance.bulk.columnIdNumber'),
      meaning: t('governance.bulk.columnIdNumberHint'),
      example: comparisonExampleIdNumber,
    },
    {
      key: 'element',
      column: t('governance.bulk.columnElement'),
      meaning: t('governance.bulk.columnElementHint'),
      example: 'group.disabled.grade',
    },
    {
      key: 'value',
      column: t('governance.bulk.columnValue'),
      meaning: t('governance.bulk.columnValueHint'),
      example: t('governance.bulk.columnValueExample'),
    },
  ];
  return (
    <Flex vertical gap={12} data-testid="comparison-format">
      <Typography.Text type="secondary">{t('governance.bulk.formatHint')}</Typography.Text>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={columns}
        columns={[
          {
            title: t('governance.bulk.column'),
            dataIndex: 'column',
            width: 90,
            render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
          },
          { title: t('governance.bulk.meaning'), dataIndex: 'meaning' },
          {
            title: t('governance.bulk.example'),
            dataIndex: 'example',
            width: 200,
            render: (example: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {example}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Link
        onClick={() => saveTextFile(t('governance.bulk.exampleFileName'), comparisonExampleCsv())}
        data-testid="comparison-example"
      >
        <DownloadOutlined /> {t('governance.bulk.exampleDownload')}
      </Typography.Link>
      <Collapse
        size="small"
        items={[
          {
            key: 'elements',
            label: t('governance.bulk.elementsTitle', { count: elements.length }),
            children: (
              <Table<DataElementView>
                size="small"
                rowKey="code"
                pagination={false}
                scroll={{ y: 240 }}
                dataSource={[...elements]}
                columns={[
                  { title: t('governance.catalog.name'), dataIndex: 'name' },
                  {
                    title: t('governance.catalog.code'),
                    dataIndex: 'code',
                    render: (code: string) => (
                      <Typography.Text code copyable={{ text: code }}>
                        {code}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('governance.catalog.codeSet'),
                    dataIndex: 'codeSetName',
                    render: (name: string | null) => name ?? '—',
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}
