import { CheckCircleOutlined } from '@ant-design/icons';
import type { PrefillMaterial } from '@shequ/core';
import { Checkbox, Flex, Form, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ScanPicker } from './material-scans';

/**
 * Step ④ of the intake: the matter's materials. What the platform already holds is 免提交, with
 * the reason; the worker ticks 已收取 for each paper handed in. A required material neither
 * held nor handed in stops the application. Scans of what is handed in may be added; they are sent
 * once the application is filed.
 */
export function MaterialsChecklist({ materials }: { materials: readonly PrefillMaterial[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Table<PrefillMaterial>
      size="middle"
      rowKey="code"
      pagination={false}
      dataSource={[...materials]}
      data-testid="materials-checklist"
      footer={() => (
        <Typography.Text type="secondary">
          {t('applications.scans.title')}：{t('applications.scans.hint')}
        </Typography.Text>
      )}
      columns={[
        {
          title: t('applications.matter.materialName'),
          key: 'name',
          render: (_, m) => (
            <Flex vertical gap={2} data-testid="material-row" data-code={m.code}>
              <Flex gap={6} align="center">
                {m.required ? (
                  <Typography.Text type="danger" aria-label={t('applications.matter.required')}>
                    *
                  </Typography.Text>
                ) : null}
                <Typography.Text>{m.name}</Typography.Text>
                {!m.required && (
                  <Tag style={{ marginInlineEnd: 0 }}>{t('applications.matter.optional')}</Tag>
                )}
              </Flex>
              {m.form && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.form}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          title: t('applications.intake.materialState'),
          key: 'state',
          width: 420,
          render: (_, m) =>
            m.exempt ? (
              <Flex vertical gap={2} data-testid="material-exempt">
                <Tag
                  icon={<CheckCircleOutlined />}
                  color="success"
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('applications.intake.exempt')}
                </Tag>
                {m.reason && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.reason}
                  </Typography.Text>
                )}
              </Flex>
            ) : (
              <Flex gap={12} align="flex-start" wrap>
                <Form.Item
                  name={['materials', m.code]}
                  valuePropName="checked"
                  style={{ margin: 0 }}
                  rules={
                    m.required
                      ? [
                          {
                            validator: async (_rule, checked: unknown) => {
                              if (checked !== true) {
                                throw new Error(
                                  t('applications.intake.materialMissing', { name: m.name }),
                                );
                              }
                            },
                          },
                        ]
                      : []
                  }
                >
                  <Checkbox data-testid={`material-received-${m.code}`}>
                    {t('applications.intake.received')}
                  </Checkbox>
                </Form.Item>
                <Form.Item name={['scans', m.code]} valuePropName="value" style={{ margin: 0 }}>
                  <ScanPicker
                    materialCode={m.code}
                    onChange={(files) => {
                      // a scanned paper has been handed in
                      if (files.length > 0) form.setFieldValue(['materials', m.code], true);
                    }}
                  />
                </Form.Item>
              </Flex>
            ),
        },
      ]}
    />
  );
}
